// Package postgres persists payments using pgx.
// Tables owned: payments, refunds, psp_webhook_events.
package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gatehouse.events/platform/internal/payments/app"
	"gatehouse.events/platform/internal/payments/domain"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/money"
)

// Store implements app.Repository.
type Store struct{ pool *pgxpool.Pool }

// NewStore returns a store.
func NewStore(p *pgxpool.Pool) *Store { return &Store{pool: p} }

var _ app.Repository = (*Store)(nil)

const paymentCols = `id, order_id, fan_id, amount_minor, refunded_minor, currency, status, psp_ref, client_secret, failure_code, created_at, captured_at`

func scanPayment(row pgx.Row) (*domain.Payment, error) {
	var p domain.Payment
	var amt, ref int64
	var cur, status string
	var captured *time.Time
	if err := row.Scan(&p.ID, &p.OrderID, &p.FanID, &amt, &ref, &cur, &status, &p.PSPRef, &p.ClientSecret, &p.FailureCode, &p.CreatedAt, &captured); err != nil {
		return nil, err
	}
	p.Amount, p.Refunded, p.Status = money.New(amt, cur), money.New(ref, cur), domain.Status(status)
	if captured != nil {
		p.CapturedAt = *captured
	}
	return &p, nil
}

func notFound(err error, what, id string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return errs.NotFound("payments.Store", what, id)
	}
	return errs.Wrap(err, "payments.Store")
}

// CreatePayment inserts a payment.
func (s *Store) CreatePayment(ctx context.Context, p *domain.Payment) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO payments (`+paymentCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,NULL)`,
		p.ID, p.OrderID, p.FanID, p.Amount.Amount, p.Refunded.Amount, p.Amount.Currency, string(p.Status), p.PSPRef, p.ClientSecret, p.FailureCode, p.CreatedAt)
	return errs.Wrap(err, "payments.Store.CreatePayment")
}

// GetPayment loads a payment.
func (s *Store) GetPayment(ctx context.Context, id string) (*domain.Payment, error) {
	p, err := scanPayment(s.pool.QueryRow(ctx, `SELECT `+paymentCols+` FROM payments WHERE id=$1`, id))
	if err != nil {
		return nil, notFound(err, "payment", id)
	}
	return p, nil
}

// CapturedForOrder returns the captured payment of an order.
func (s *Store) CapturedForOrder(ctx context.Context, orderID string) (*domain.Payment, error) {
	p, err := scanPayment(s.pool.QueryRow(ctx, `SELECT `+paymentCols+` FROM payments
		WHERE order_id=$1 AND status IN ('captured','partially_refunded') ORDER BY created_at DESC LIMIT 1`, orderID))
	if err != nil {
		return nil, notFound(err, "captured payment for order", orderID)
	}
	return p, nil
}

// UpdatePayment writes the mutable fields.
func (s *Store) UpdatePayment(ctx context.Context, p *domain.Payment) error {
	tag, err := s.pool.Exec(ctx, `UPDATE payments SET status=$2, psp_ref=$3, refunded_minor=$4, failure_code=$5,
		captured_at=CASE WHEN $2='captured' THEN COALESCE(captured_at, $6) ELSE captured_at END WHERE id=$1`,
		p.ID, string(p.Status), p.PSPRef, p.Refunded.Amount, p.FailureCode, p.CapturedAt)
	if err != nil {
		return errs.Wrap(err, "payments.Store.UpdatePayment")
	}
	if tag.RowsAffected() != 1 {
		return errs.NotFound("payments.Store.UpdatePayment", "payment", p.ID)
	}
	return nil
}

// CreateRefund inserts a refund.
func (s *Store) CreateRefund(ctx context.Context, r *domain.Refund) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO refunds (id, payment_id, order_id, amount_minor, currency, reason, status, psp_ref, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		r.ID, r.PaymentID, r.OrderID, r.Amount.Amount, r.Amount.Currency, r.Reason, string(r.Status), r.PSPRef, r.CreatedAt)
	return errs.Wrap(err, "payments.Store.CreateRefund")
}

// UpdateRefund writes status and PSP reference.
func (s *Store) UpdateRefund(ctx context.Context, r *domain.Refund) error {
	_, err := s.pool.Exec(ctx, `UPDATE refunds SET status=$2, psp_ref=$3 WHERE id=$1`, r.ID, string(r.Status), r.PSPRef)
	return errs.Wrap(err, "payments.Store.UpdateRefund")
}

// MarkWebhookSeen records a webhook id; false if seen before.
func (s *Store) MarkWebhookSeen(ctx context.Context, eventID string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO psp_webhook_events (id, received_at) VALUES ($1, now()) ON CONFLICT (id) DO NOTHING`, eventID)
	if err != nil {
		return false, errs.Wrap(err, "payments.Store.MarkWebhookSeen")
	}
	return tag.RowsAffected() == 1, nil
}
