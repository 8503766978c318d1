// Package store persists payments and refunds.
package store

import (
	"context"
	"database/sql"
	"time"

	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/money"
)

type Payment struct {
	ID         string
	Locator    string
	Amount     money.Amount
	Method     string
	PSPRef     string
	Status     string // PENDING | CAPTURED | FAILED | REFUNDED | PARTIALLY_REFUNDED
	Refunded   money.Amount
	CapturedAt time.Time
}

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) Insert(ctx context.Context, p Payment) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		INSERT INTO payments (id, locator, amount_minor, currency, method, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, now())`,
		p.ID, p.Locator, p.Amount.Minor, p.Amount.Currency, p.Method, p.Status)
	return err
}

func (s *Store) MarkCaptured(ctx context.Context, id, pspRef string) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		UPDATE payments SET status = 'CAPTURED', psp_ref = $2, captured_at = now() WHERE id = $1`, id, pspRef)
	return err
}

func (s *Store) MarkFailed(ctx context.Context, id, reason string) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		UPDATE payments SET status = 'FAILED', failure_reason = $2 WHERE id = $1`, id, reason)
	return err
}

const cols = `id, locator, amount_minor, currency, method, coalesce(psp_ref, ''), status, refunded_minor,
	coalesce(captured_at, '0001-01-01'::timestamptz)`

func scan(sc interface{ Scan(...any) error }) (Payment, error) {
	var p Payment
	err := sc.Scan(&p.ID, &p.Locator, &p.Amount.Minor, &p.Amount.Currency, &p.Method, &p.PSPRef,
		&p.Status, &p.Refunded.Minor, &p.CapturedAt)
	p.Refunded.Currency = p.Amount.Currency
	return p, err
}

func (s *Store) Get(ctx context.Context, id string) (Payment, error) {
	p, err := scan(db.Q(ctx, s.DB).QueryRowContext(ctx, `SELECT `+cols+` FROM payments WHERE id = $1`, id))
	if db.NotFound(err) {
		return p, errs.NotFound("payments.get", "payment %s", id)
	}
	return p, err
}

// CapturedFor returns the captured payments of a booking.
func (s *Store) CapturedFor(ctx context.Context, locator string) ([]Payment, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `SELECT `+cols+` FROM payments
		WHERE locator = $1 AND status IN ('CAPTURED', 'PARTIALLY_REFUNDED') ORDER BY captured_at`, locator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Payment
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// RecordRefund stores a refund and updates the payment's refunded total.
func (s *Store) RecordRefund(ctx context.Context, paymentID, pspRef string, amt money.Amount, reason string) error {
	q := db.Q(ctx, s.DB)
	if _, err := q.ExecContext(ctx, `
		INSERT INTO payment_refunds (payment_id, psp_ref, amount_minor, currency, reason, created_at)
		VALUES ($1, $2, $3, $4, $5, now())`, paymentID, pspRef, amt.Minor, amt.Currency, reason); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `
		UPDATE payments SET refunded_minor = refunded_minor + $2,
			status = CASE WHEN refunded_minor + $2 >= amount_minor THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END
		WHERE id = $1`, paymentID, amt.Minor)
	return err
}
