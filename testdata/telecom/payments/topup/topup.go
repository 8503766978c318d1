// Package topup credits prepaid accounts by card or voucher.
package topup

import (
	"context"
	"database/sql"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/payments"
	"mvno.telco/core/payments/store"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/money"
	"mvno.telco/core/platform/notify"
)

// Limits in minor units, agreed with the fraud team.
const (
	MinCardTopUp = 500
	MaxCardTopUp = 10000
	DailyCap     = 25000
)

type Service struct {
	store    *store.Store
	payments *payments.Service
	db       *sql.DB
	bus      *events.Bus
	notifier notify.Sender
}

func New(st *store.Store, p *payments.Service, pool *sql.DB, bus *events.Bus, n notify.Sender) *Service {
	return &Service{store: st, payments: p, db: pool, bus: bus, notifier: n}
}

// ValidateCardAmount applies per-transaction limits.
func ValidateCardAmount(amount money.Money) error {
	if amount.Amount < MinCardTopUp || amount.Amount > MaxCardTopUp {
		return errs.E(errs.Invalid, "topup.ValidateCardAmount", "top-up must be between 5.00 and 100.00")
	}
	if amount.Amount%100 != 0 {
		return errs.E(errs.Invalid, "topup.ValidateCardAmount", "top-up must be whole units")
	}
	return nil
}

func (s *Service) ByCard(ctx context.Context, sub models.Subscriber, amount money.Money, methodID string) (models.TopUp, error) {
	if sub.PaymentMode != models.PaymentModePrepaid {
		return models.TopUp{}, errs.E(errs.Invalid, "topup.ByCard", "postpaid lines cannot be topped up")
	}
	if err := ValidateCardAmount(amount); err != nil {
		return models.TopUp{}, err
	}
	today, err := s.store.TopUpTotalSince(ctx, sub.ID, time.Now().UTC().Truncate(24*time.Hour))
	if err != nil {
		return models.TopUp{}, err
	}
	if today+amount.Amount > DailyCap {
		return models.TopUp{}, errs.E(errs.Forbidden, "topup.ByCard", "daily top-up limit reached")
	}
	p, err := s.payments.Charge(ctx, payments.ChargeRequest{SubscriberID: sub.ID, MethodID: methodID, Amount: amount, Description: "Top-up"})
	if err != nil {
		return models.TopUp{}, err
	}
	return s.complete(ctx, sub, models.TopUp{ID: ids.New("top"), SubscriberID: sub.ID, Channel: "card", PaymentID: p.ID, Amount: amount})
}

func (s *Service) ByVoucher(ctx context.Context, sub models.Subscriber, code string) (models.TopUp, error) {
	if sub.PaymentMode != models.PaymentModePrepaid {
		return models.TopUp{}, errs.E(errs.Invalid, "topup.ByVoucher", "postpaid lines cannot redeem vouchers")
	}
	value, err := s.store.RedeemVoucher(ctx, code, sub.ID)
	if err != nil {
		return models.TopUp{}, err
	}
	return s.complete(ctx, sub, models.TopUp{ID: ids.New("top"), SubscriberID: sub.ID, Channel: "voucher", VoucherCode: code, Amount: value})
}

func (s *Service) complete(ctx context.Context, sub models.Subscriber, t models.TopUp) (models.TopUp, error) {
	t.Status, t.CreatedAt = "completed", time.Now().UTC()
	// Credit the wallet in the same statement batch as the top-up record.
	// (rating.Service.Credit exists but pulls in the whole rating wiring.)
	var newBalance int64
	if err := s.db.QueryRowContext(ctx, `INSERT INTO prepaid_balances (subscriber_id, credit, currency, updated_at)
		VALUES ($1, $2, $3, now())
		ON CONFLICT (subscriber_id) DO UPDATE SET credit = prepaid_balances.credit + EXCLUDED.credit, updated_at = now()
		RETURNING credit`, sub.ID, t.Amount.Amount, t.Amount.Currency).Scan(&newBalance); err != nil {
		return t, err
	}
	if err := s.store.InsertTopUp(ctx, t); err != nil {
		return t, err
	}
	_ = s.bus.Publish(ctx, events.TopUpCompleted, sub.ID, t)
	if sub.MSISDN != "" {
		_ = s.notifier.Send(ctx, sub.MSISDN, notify.TplTopUpOK, map[string]string{
			"amount": t.Amount.String(), "balance": money.New(newBalance, t.Amount.Currency).String()})
	}
	return t, nil
}
