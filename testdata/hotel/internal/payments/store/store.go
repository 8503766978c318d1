// Package store persists payments, their PSP event log and refunds.
//
// Tables: payments, payment_events, refunds.
package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Refund is a (partial) refund of a captured payment.
type Refund struct {
	ID          string    `json:"id" db:"id"`
	PaymentID   string    `json:"payment_id" db:"payment_id"`
	AmountCents int64     `json:"amount_cents" db:"amount_cents"`
	Currency    string    `json:"currency" db:"currency"`
	Reason      string    `json:"reason" db:"reason"`
	Status      string    `json:"status" db:"status"` // requested, approved, sent, failed
	ProviderRef string    `json:"provider_ref" db:"provider_ref"`
	RequestedBy string    `json:"requested_by" db:"requested_by"`
	CreatedAt   time.Time `json:"created_at" db:"created_at"`
}

// Store is the payments repository.
type Store struct {
	db *sqlx.DB
}

// New returns a Store.
func New(conn *sqlx.DB) *Store { return &Store{db: conn} }

const paymentCols = `id, reservation_id, guest_id, amount_cents, captured_cents, refunded_cents, currency,
	status, provider, provider_ref, card_last4, created_at, updated_at`

// Create inserts a payment.
func (s *Store) Create(ctx context.Context, p *model.Payment) error {
	now := time.Now().UTC()
	p.CreatedAt, p.UpdatedAt = now, now
	_, err := s.db.NamedExecContext(ctx, `
		INSERT INTO payments (`+paymentCols+`)
		VALUES (:id, :reservation_id, :guest_id, :amount_cents, :captured_cents, :refunded_cents, :currency,
			:status, :provider, :provider_ref, :card_last4, :created_at, :updated_at)`, p)
	if err != nil {
		return db.NotFound(err, "payments.Create", "payment")
	}
	return nil
}

// Get loads a payment.
func (s *Store) Get(ctx context.Context, id string) (*model.Payment, error) {
	var p model.Payment
	if err := s.db.GetContext(ctx, &p, `SELECT `+paymentCols+` FROM payments WHERE id = $1`, id); err != nil {
		return nil, db.NotFound(err, "payments.Get", "payment")
	}
	return &p, nil
}

// GetByProviderRef loads a payment by PSP reference (webhooks).
func (s *Store) GetByProviderRef(ctx context.Context, ref string) (*model.Payment, error) {
	var p model.Payment
	if err := s.db.GetContext(ctx, &p, `SELECT `+paymentCols+` FROM payments WHERE provider_ref = $1`, ref); err != nil {
		return nil, db.NotFound(err, "payments.GetByProviderRef", "payment")
	}
	return &p, nil
}

// HasCapturedPayment reports whether a reservation was actually paid.
func (s *Store) HasCapturedPayment(ctx context.Context, reservationID string) (bool, error) {
	var n int
	err := s.db.GetContext(ctx, &n, `
		SELECT count(*) FROM payments WHERE reservation_id = $1 AND status IN ('captured', 'partially_refunded')`,
		reservationID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, errs.Wrap(err, "payments.HasCapturedPayment")
	}
	return n > 0, nil
}

// CapturedBetween lists captured payments in a time window (settlement).
func (s *Store) CapturedBetween(ctx context.Context, from, to time.Time) ([]model.Payment, error) {
	var out []model.Payment
	err := s.db.SelectContext(ctx, &out, `
		SELECT `+paymentCols+` FROM payments
		WHERE status IN ('captured', 'partially_refunded', 'refunded') AND updated_at >= $1 AND updated_at < $2`, from, to)
	return out, errs.Wrap(err, "payments.CapturedBetween")
}

// Update saves status and amounts.
func (s *Store) Update(ctx context.Context, p *model.Payment) error {
	p.UpdatedAt = time.Now().UTC()
	res, err := s.db.NamedExecContext(ctx, `
		UPDATE payments SET status = :status, captured_cents = :captured_cents, refunded_cents = :refunded_cents,
			updated_at = :updated_at
		WHERE id = :id`, p)
	if err != nil {
		return errs.Wrap(err, "payments.Update")
	}
	return db.RowsAffected(res, "payments.Update", "payment")
}

// AddEvent appends to the PSP event log.
func (s *Store) AddEvent(ctx context.Context, paymentID, kind, payload string) error {
	_, err := s.db.NamedExecContext(ctx, `
		INSERT INTO payment_events (payment_id, kind, payload, at) VALUES (:payment_id, :kind, :payload, now())`,
		map[string]any{"payment_id": paymentID, "kind": kind, "payload": payload})
	return errs.Wrap(err, "payments.AddEvent")
}

// CreateRefund inserts a refund request.
func (s *Store) CreateRefund(ctx context.Context, r *Refund) error {
	r.CreatedAt = time.Now().UTC()
	_, err := s.db.NamedExecContext(ctx, `
		INSERT INTO refunds (id, payment_id, amount_cents, currency, reason, status, provider_ref, requested_by, created_at)
		VALUES (:id, :payment_id, :amount_cents, :currency, :reason, :status, :provider_ref, :requested_by, :created_at)`, r)
	return errs.Wrap(err, "payments.CreateRefund")
}

// UpdateRefund saves a refund's status and PSP reference.
func (s *Store) UpdateRefund(ctx context.Context, r *Refund) error {
	_, err := s.db.NamedExecContext(ctx,
		`UPDATE refunds SET status = :status, provider_ref = :provider_ref WHERE id = :id`, r)
	return errs.Wrap(err, "payments.UpdateRefund")
}
