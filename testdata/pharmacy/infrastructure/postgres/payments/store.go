// Package payments is the PostgreSQL store for payments.
// Tables: payments, payment_webhook_events.
package payments

import (
	"context"
	"database/sql"

	"rxnow.health/backend/domain/payments"
	"rxnow.health/backend/infrastructure/postgres"
	"rxnow.health/backend/kernel/money"
)

// Store persists payments.
type Store struct{ db *sql.DB }

// NewStore wraps db.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const cols = `id, order_id, customer_id, method, amount_cents, captured_cents, refunded_cents, status, gateway_ref, authorized_at, captured_at`

func scan(row interface{ Scan(...any) error }) (payments.Payment, error) {
	var p payments.Payment
	var amt, cap, ref int64
	var capAt sql.NullTime
	err := row.Scan(&p.ID, &p.OrderID, &p.CustomerID, &p.Method, &amt, &cap, &ref, &p.Status, &p.GatewayRef, &p.AuthorizedAt, &capAt)
	p.Amount, p.Captured, p.Refunded, p.CapturedAt = money.USD(amt), money.USD(cap), money.USD(ref), postgres.TimePtr(capAt)
	return p, err
}

func (s *Store) Create(ctx context.Context, p *payments.Payment) error {
	return s.db.QueryRowContext(ctx, `
		INSERT INTO payments (order_id, customer_id, method, amount_cents, captured_cents, refunded_cents, status, gateway_ref, authorized_at)
		VALUES ($1, $2, $3, $4, 0, 0, $5, $6, $7) RETURNING id`,
		p.OrderID, p.CustomerID, p.Method, p.Amount.Cents, p.Status, p.GatewayRef, p.AuthorizedAt).Scan(&p.ID)
}

func (s *Store) Get(ctx context.Context, id int64) (payments.Payment, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM payments WHERE id = $1`, id))
	if err != nil {
		return p, postgres.NotFound("payments.Store.Get", err, "payment", id)
	}
	return p, nil
}

func (s *Store) ByGatewayRef(ctx context.Context, ref string) (payments.Payment, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM payments WHERE gateway_ref = $1`, ref))
	if err != nil {
		return p, postgres.NotFound("payments.Store.ByGatewayRef", err, "payment ref", ref)
	}
	return p, nil
}

func (s *Store) ForOrder(ctx context.Context, orderID int64) ([]payments.Payment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM payments WHERE order_id = $1 ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []payments.Payment
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *Store) Update(ctx context.Context, p payments.Payment) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE payments SET captured_cents = $2, refunded_cents = $3, status = $4, captured_at = $5 WHERE id = $1`,
		p.ID, p.Captured.Cents, p.Refunded.Cents, p.Status, postgres.NullTime(p.CapturedAt))
	return err
}

// RecordWebhook stores a webhook delivery; false means it was seen before.
func (s *Store) RecordWebhook(ctx context.Context, eventID, kind string, body []byte) (bool, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO payment_webhook_events (event_id, kind, body, received_at) VALUES ($1, $2, $3, now())
		ON CONFLICT (event_id) DO NOTHING`, eventID, kind, body)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// MarkOrderPaymentStatus mirrors the payment state onto the order row so
// the orders list endpoint does not have to join payments.
func (s *Store) MarkOrderPaymentStatus(ctx context.Context, orderID int64, status payments.Status) error {
	_, err := s.db.ExecContext(ctx, `UPDATE orders SET payment_status = $2, updated_at = now() WHERE id = $1`, orderID, string(status))
	return err
}
