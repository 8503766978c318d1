// Package payments takes card payments for bookings and refunds them.
package payments

import (
	"context"
	"database/sql"
	"log/slog"

	"skyhop.aero/backend/pkg/payments/psp"
	"skyhop.aero/backend/pkg/payments/store"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/platform/ids"
	"skyhop.aero/backend/pkg/platform/money"
)

type Service struct {
	DB    *sql.DB
	Store *store.Store
	PSP   *psp.Client
	Bus   *events.Bus
	Log   *slog.Logger
}

func New(d *sql.DB, client *psp.Client, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{DB: d, Store: store.New(d), PSP: client, Bus: bus, Log: log}
}

// Charge takes payment for a booking. The payment row is written before the
// PSP call so that a crash leaves a PENDING row for reconciliation.
func (s *Service) Charge(ctx context.Context, locator, cardToken string, amt money.Amount) (string, error) {
	if amt.IsZero() || amt.IsNegative() {
		return "", errs.Invalid("payments.charge", "amount must be positive")
	}
	id := ids.New()
	if err := s.Store.Insert(ctx, store.Payment{ID: id, Locator: locator, Amount: amt, Method: "CARD", Status: "PENDING"}); err != nil {
		return "", err
	}
	res, err := s.PSP.Charge(ctx, cardToken, amt, locator+"/"+id[:8])
	if err != nil {
		_ = s.Store.MarkFailed(ctx, id, err.Error())
		return "", err
	}
	err = db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		if err := s.Store.MarkCaptured(ctx, id, res.Reference); err != nil {
			return err
		}
		return s.Bus.Publish(ctx, events.PaymentCaptured, map[string]string{"payment_id": id, "locator": locator})
	})
	return id, err
}

// Refund refunds up to amt across the booking's captured payments, newest
// first, and returns the amount actually refunded.
func (s *Service) Refund(ctx context.Context, locator string, amt money.Amount, reason string) (money.Amount, error) {
	ps, err := s.Store.CapturedFor(ctx, locator)
	if err != nil {
		return money.Amount{}, err
	}
	done := money.Zero(amt.Currency)
	for i := len(ps) - 1; i >= 0 && done.Minor < amt.Minor; i-- {
		p := ps[i]
		left := p.Amount.Sub(p.Refunded)
		want := amt.Sub(done)
		if left.Minor < want.Minor {
			want = left
		}
		if want.Minor <= 0 {
			continue
		}
		res, err := s.PSP.Refund(ctx, p.PSPRef, want)
		if err != nil {
			return done, err
		}
		if err := s.Store.RecordRefund(ctx, p.ID, res.Reference, want, reason); err != nil {
			return done, err
		}
		done = done.Add(want)
	}
	s.Log.Info("refund", "locator", locator, "requested", amt.String(), "refunded", done.String())
	return done, nil
}
