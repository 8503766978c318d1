// Package payments takes guest payments: authorization at booking, capture
// at check-out (or immediately for non-refundable rates), voids and refunds.
package payments

import (
	"context"
	"fmt"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/payments/gateway"
	"github.com/staybright/platform/internal/payments/ledger"
	"github.com/staybright/platform/internal/payments/store"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/ids"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/pkg/money"
)

// Service is the payments service.
type Service struct {
	store         *store.Store
	gw            gateway.Gateway
	ledger        *ledger.Ledger
	bus           events.Publisher
	approvalLimit int64
	provider      string
	log           *log.Logger
}

// Config tunes the service.
type Config struct {
	Provider      string
	ApprovalLimit int64 // refunds above this need a manager
}

// New builds the service.
func New(s *store.Store, gw gateway.Gateway, l *ledger.Ledger, bus events.Publisher, cfg Config, lg *log.Logger) *Service {
	return &Service{store: s, gw: gw, ledger: l, bus: bus, approvalLimit: cfg.ApprovalLimit,
		provider: cfg.Provider, log: lg.Component("payments")}
}

// AuthorizeRequest asks to authorize a card for a reservation.
type AuthorizeRequest struct {
	ReservationID string
	GuestID       string
	Email         string
	Amount        money.Money
	CardToken     string
}

// Authorize places a hold on the guest's card.
func (s *Service) Authorize(ctx context.Context, req AuthorizeRequest) (*model.Payment, error) {
	const op = "payments.Authorize"
	if req.Amount.Cents <= 0 {
		return nil, errs.E(errs.Invalid, op, "amount must be positive")
	}
	if req.CardToken == "" {
		return nil, errs.E(errs.Invalid, op, "card token is required")
	}
	p := &model.Payment{
		ID: ids.New("pay"), ReservationID: req.ReservationID, GuestID: req.GuestID,
		AmountCents: req.Amount.Cents, Currency: req.Amount.Currency, Provider: s.provider,
	}
	res, err := s.gw.Authorize(ctx, gateway.AuthRequest{
		Reference: p.ID, Amount: req.Amount, CardToken: req.CardToken, ShopperEmail: req.Email,
	})
	if err != nil {
		return nil, err
	}
	p.ProviderRef, p.CardLast4 = res.ProviderRef, res.CardLast4
	p.Status = model.PaymentAuthorized
	if !res.Approved {
		p.Status = model.PaymentFailed
	}
	if err := s.store.Create(ctx, p); err != nil {
		return nil, err
	}
	_ = s.store.AddEvent(ctx, p.ID, "authorization", fmt.Sprintf(`{"approved":%t,"reason":%q}`, res.Approved, res.DeclineReason))
	if !res.Approved {
		return nil, errs.E(errs.Invalid, op, "card was declined: "+res.DeclineReason)
	}
	return p, nil
}

// Capture takes amount from an authorized payment.
func (s *Service) Capture(ctx context.Context, paymentID string, amount money.Money) (*model.Payment, error) {
	const op = "payments.Capture"
	p, err := s.store.Get(ctx, paymentID)
	if err != nil {
		return nil, err
	}
	if p.Status != model.PaymentAuthorized {
		return nil, errs.E(errs.Conflict, op, "payment is "+string(p.Status))
	}
	if amount.Cents > p.AmountCents {
		return nil, errs.E(errs.Invalid, op, "cannot capture more than authorized")
	}
	if err := s.gw.Capture(ctx, p.ProviderRef, amount); err != nil {
		return nil, err
	}
	p.CapturedCents = amount.Cents
	p.Status = model.PaymentCaptured
	if err := s.store.Update(ctx, p); err != nil {
		return nil, err
	}
	err = s.ledger.Post(ctx, "capture:"+p.ID, "capture for reservation "+p.ReservationID,
		ledger.Debit(ledger.PSPClearing, amount.Cents, p.Currency),
		ledger.Credit(ledger.RoomRevenue, amount.Cents, p.Currency))
	if err != nil {
		s.log.Error("ledger post failed", "payment_id", p.ID, "err", err)
	}
	s.bus.Publish(ctx, model.PaymentCapturedEvent{Payment: *p})
	return p, nil
}

// Void releases an authorization without taking money.
func (s *Service) Void(ctx context.Context, paymentID string) error {
	p, err := s.store.Get(ctx, paymentID)
	if err != nil {
		return err
	}
	if p.Status != model.PaymentAuthorized {
		return errs.E(errs.Conflict, "payments.Void", "only authorized payments can be voided")
	}
	if err := s.gw.Void(ctx, p.ProviderRef); err != nil {
		return err
	}
	p.Status = model.PaymentVoided
	return s.store.Update(ctx, p)
}

// ChargePenalty captures a cancellation/no-show fee from an authorization and
// releases the rest.
func (s *Service) ChargePenalty(ctx context.Context, paymentID string, fee money.Money) error {
	if fee.IsZero() {
		return s.Void(ctx, paymentID)
	}
	p, err := s.Capture(ctx, paymentID, fee)
	if err != nil {
		return err
	}
	return s.ledger.Post(ctx, "penalty:"+p.ID, "cancellation fee",
		ledger.Debit(ledger.RoomRevenue, fee.Cents, p.Currency),
		ledger.Credit(ledger.CancellationFees, fee.Cents, p.Currency))
}

// RefundRequest asks to give money back.
type RefundRequest struct {
	PaymentID   string
	Amount      money.Money
	Reason      string
	RequestedBy string
	Approved    bool // a manager approved a refund above the limit
}

// Refund sends a refund, or parks it for approval above the limit.
func (s *Service) Refund(ctx context.Context, req RefundRequest) (*store.Refund, error) {
	const op = "payments.Refund"
	p, err := s.store.Get(ctx, req.PaymentID)
	if err != nil {
		return nil, err
	}
	if req.Amount.Cents <= 0 || req.Amount.Cents > p.Refundable() {
		return nil, errs.E(errs.Invalid, op, fmt.Sprintf("refund must be between 0.01 and %d cents", p.Refundable()))
	}
	r := &store.Refund{ID: ids.New("rfd"), PaymentID: p.ID, AmountCents: req.Amount.Cents, Currency: p.Currency,
		Reason: req.Reason, Status: "requested", RequestedBy: req.RequestedBy}
	if err := s.store.CreateRefund(ctx, r); err != nil {
		return nil, err
	}
	if req.Amount.Cents > s.approvalLimit && !req.Approved {
		return nil, errs.E(errs.Forbidden, op, "refunds above the approval limit need a manager")
	}
	return r, s.send(ctx, p, r)
}

func (s *Service) send(ctx context.Context, p *model.Payment, r *store.Refund) error {
	amount := money.New(r.AmountCents, r.Currency)
	ref, err := s.gw.Refund(ctx, p.ProviderRef, amount)
	if err != nil {
		r.Status = "failed"
		_ = s.store.UpdateRefund(ctx, r)
		return err
	}
	r.Status, r.ProviderRef = "sent", ref
	if err := s.store.UpdateRefund(ctx, r); err != nil {
		return err
	}
	p.RefundedCents += r.AmountCents
	p.Status = model.PaymentPartRefund
	if p.RefundedCents >= p.CapturedCents {
		p.Status = model.PaymentRefunded
	}
	if err := s.store.Update(ctx, p); err != nil {
		return err
	}
	if err := s.ledger.Post(ctx, "refund:"+r.ID, r.Reason,
		ledger.Debit(ledger.RoomRevenue, r.AmountCents, r.Currency),
		ledger.Credit(ledger.PSPClearing, r.AmountCents, r.Currency)); err != nil {
		s.log.Error("ledger post failed", "refund_id", r.ID, "err", err)
	}
	s.bus.Publish(ctx, model.PaymentRefundedEvent{Payment: *p, AmountCents: r.AmountCents})
	return nil
}

// Get returns a payment.
func (s *Service) Get(ctx context.Context, id string) (*model.Payment, error) {
	return s.store.Get(ctx, id)
}

// Notification is an asynchronous PSP webhook event.
type Notification struct {
	EventCode   string `json:"eventCode"` // AUTHORISATION, CAPTURE, REFUND, CHARGEBACK
	ProviderRef string `json:"pspReference"`
	Success     bool   `json:"success"`
	Reason      string `json:"reason"`
}

// HandleNotification records webhook events and reacts to chargebacks.
func (s *Service) HandleNotification(ctx context.Context, n Notification) error {
	p, err := s.store.GetByProviderRef(ctx, n.ProviderRef)
	if err != nil {
		return err
	}
	if err := s.store.AddEvent(ctx, p.ID, n.EventCode, fmt.Sprintf(`{"success":%t,"reason":%q}`, n.Success, n.Reason)); err != nil {
		return err
	}
	if n.EventCode == "CHARGEBACK" && n.Success {
		s.log.Warn("chargeback received", "payment_id", p.ID, "reservation_id", p.ReservationID, "reason", n.Reason)
		return s.ledger.Post(ctx, "chargeback:"+p.ID, "chargeback "+n.Reason,
			ledger.Debit(ledger.RoomRevenue, p.CapturedCents, p.Currency),
			ledger.Credit(ledger.PSPClearing, p.CapturedCents, p.Currency))
	}
	return nil
}
