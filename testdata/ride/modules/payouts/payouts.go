// Package payouts pays drivers their accumulated earnings weekly (or on demand
// via Instant Pay) through PayStream transfers.
package payouts

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/zipcab/backend/app/driver/service"
	"github.com/zipcab/backend/app/payment/model"
	"github.com/zipcab/backend/app/payment/repository"
	"github.com/zipcab/backend/clients/paygateway"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
	"github.com/zipcab/backend/pkg/money"
)

// Payout is a row of payouts.
type Payout struct {
	ID          int64     `db:"id" json:"id"`
	DriverID    int64     `db:"driver_id" json:"driver_id"`
	Amount      int64     `db:"amount" json:"amount"`
	Currency    string    `db:"currency" json:"currency"`
	Status      string    `db:"status" json:"status"` // pending | sent | failed
	TransferRef string    `db:"transfer_ref" json:"transfer_ref"`
	PeriodEnd   time.Time `db:"period_end" json:"period_end"`
	CreatedAt   time.Time `db:"created_at" json:"created_at"`
}

// MinPayout is the smallest balance we transfer; smaller amounts roll over.
const MinPayout = 500

// Service runs payouts.
type Service struct {
	db       *sqlx.DB
	earnings *repository.PaymentRepository
	drivers  *service.DriverService
	gateway  *paygateway.Client
	pub      events.Publisher
}

// New returns a payouts service.
func New(db *sqlx.DB, earnings *repository.PaymentRepository, drivers *service.DriverService, gw *paygateway.Client, pub events.Publisher) *Service {
	return &Service{db: db, earnings: earnings, drivers: drivers, gateway: gw, pub: pub}
}

// Result summarises a payout run.
type Result struct {
	Drivers int
	Sent    int
	Failed  int
	Skipped int
	Total   money.Money
}

// Run pays out all earnings before periodEnd.
func (s *Service) Run(ctx context.Context, periodEnd time.Time, currency string) (Result, error) {
	res := Result{Total: money.Zero(currency)}
	unpaid, err := s.earnings.UnpaidEarnings(ctx, periodEnd)
	if err != nil {
		return res, err
	}
	byDriver := map[int64][]model.Earning{}
	var order []int64
	for _, e := range unpaid {
		if _, ok := byDriver[e.DriverID]; !ok {
			order = append(order, e.DriverID)
		}
		byDriver[e.DriverID] = append(byDriver[e.DriverID], e)
	}
	res.Drivers = len(order)
	for _, driverID := range order {
		items := byDriver[driverID]
		total := money.Zero(currency)
		for _, e := range items {
			total = total.Add(e.Net)
		}
		if total.Amount < MinPayout {
			res.Skipped++
			continue
		}
		if err := s.payDriver(ctx, driverID, items, total, periodEnd); err != nil {
			log.From(ctx).Error("payout failed", "driver_id", driverID, "err", err)
			res.Failed++
			continue
		}
		res.Sent++
		res.Total = res.Total.Add(total)
	}
	return res, nil
}

func (s *Service) payDriver(ctx context.Context, driverID int64, items []model.Earning, total money.Money, periodEnd time.Time) error {
	account, err := s.drivers.PayoutAccount(ctx, driverID)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return errs.Wrap("payouts.pay", err)
	}
	defer tx.Rollback() //nolint:errcheck
	var payoutID int64
	if err := tx.GetContext(ctx, &payoutID,
		`INSERT INTO payouts (driver_id, amount, currency, status, period_end, created_at)
		 VALUES ($1, $2, $3, 'pending', $4, now()) RETURNING id`,
		driverID, total.Amount, total.Currency, periodEnd); err != nil {
		return errs.Wrap("payouts.pay", err)
	}
	for _, e := range items {
		if _, err := tx.ExecContext(ctx, `UPDATE driver_earnings SET payout_id = $2 WHERE id = $1 AND payout_id IS NULL`, e.ID, payoutID); err != nil {
			return errs.Wrap("payouts.pay", err)
		}
	}
	tr, err := s.gateway.Transfer(ctx, account, total.Amount, total.Currency, fmt.Sprintf("payout-%d", payoutID))
	if err != nil {
		return errs.Wrap("payouts.transfer", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE payouts SET status = 'sent', transfer_ref = $2 WHERE id = $1`, payoutID, tr.ID); err != nil {
		return errs.Wrap("payouts.pay", err)
	}
	if err := tx.Commit(); err != nil {
		return errs.Wrap("payouts.pay", err)
	}
	return s.pub.Publish(ctx, events.PayoutSent, fmt.Sprintf("payout:%d", payoutID), map[string]any{
		"payout_id": payoutID, "driver_id": driverID, "amount": total,
	})
}
