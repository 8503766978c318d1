// Package store persists payment methods, payments, refunds, top-ups and vouchers.
package store

import (
	"context"
	"database/sql"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/money"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

func (s *Store) InsertMethod(ctx context.Context, m models.PaymentMethod) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if m.Default {
			if _, err := tx.ExecContext(ctx, `UPDATE payment_methods SET is_default = false WHERE subscriber_id = $1`, m.SubscriberID); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO payment_methods (id, subscriber_id, token, brand, last4, exp_month, exp_year, is_default, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, m.ID, m.SubscriberID, m.Token, m.Brand, m.Last4, m.ExpMonth, m.ExpYear, m.Default, m.CreatedAt)
		return err
	})
}

func (s *Store) Methods(ctx context.Context, subscriberID string) ([]models.PaymentMethod, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, subscriber_id, token, brand, last4, exp_month, exp_year, is_default, created_at
		FROM payment_methods WHERE subscriber_id = $1 AND deleted_at IS NULL ORDER BY is_default DESC, created_at DESC`, subscriberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.PaymentMethod
	for rows.Next() {
		var m models.PaymentMethod
		if err := rows.Scan(&m.ID, &m.SubscriberID, &m.Token, &m.Brand, &m.Last4, &m.ExpMonth, &m.ExpYear, &m.Default, &m.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) InsertPayment(ctx context.Context, p models.Payment) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO payments (id, subscriber_id, invoice_id, order_id, method_id, amount, currency, status, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, p.ID, p.SubscriberID, db.NullString(p.InvoiceID), db.NullString(p.OrderID),
		p.MethodID, p.Amount.Amount, p.Amount.Currency, p.Status, p.CreatedAt)
	return err
}

func (s *Store) UpdatePayment(ctx context.Context, id, status, ref, reason string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE payments SET status = $2, gateway_ref = $3, failure_reason = $4, updated_at = now() WHERE id = $1`,
		id, status, db.NullString(ref), db.NullString(reason))
	return err
}

const payCols = `id, subscriber_id, coalesce(invoice_id, ''), coalesce(order_id, ''), method_id, amount, currency, status,
	coalesce(gateway_ref, ''), coalesce(failure_reason, ''), created_at`

func scanPayment(row interface{ Scan(...any) error }) (models.Payment, error) {
	var p models.Payment
	var amt int64
	var cur string
	err := row.Scan(&p.ID, &p.SubscriberID, &p.InvoiceID, &p.OrderID, &p.MethodID, &amt, &cur, &p.Status, &p.GatewayRef, &p.FailureReason, &p.CreatedAt)
	p.Amount = money.New(amt, cur)
	return p, err
}

func (s *Store) Payment(ctx context.Context, id string) (models.Payment, error) {
	p, err := scanPayment(s.db.QueryRowContext(ctx, `SELECT `+payCols+` FROM payments WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return p, errs.E(errs.NotFound, "payments.Payment", "payment not found")
	}
	return p, err
}

func (s *Store) ForSubscriber(ctx context.Context, subscriberID string, limit int) ([]models.Payment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+payCols+` FROM payments WHERE subscriber_id = $1 ORDER BY created_at DESC LIMIT $2`,
		subscriberID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *Store) RefundedTotal(ctx context.Context, paymentID string) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(amount), 0) FROM refunds WHERE payment_id = $1`, paymentID).Scan(&n)
	return n, err
}

func (s *Store) InsertRefund(ctx context.Context, id, paymentID, ref string, amount money.Money) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO refunds (id, payment_id, gateway_ref, amount, created_at) VALUES ($1,$2,$3,$4,now())`,
		id, paymentID, ref, amount.Amount)
	return err
}

func (s *Store) InsertTopUp(ctx context.Context, t models.TopUp) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO topups (id, subscriber_id, channel, voucher_code, payment_id, amount, currency, status, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, t.ID, t.SubscriberID, t.Channel, db.NullString(t.VoucherCode), db.NullString(t.PaymentID),
		t.Amount.Amount, t.Amount.Currency, t.Status, t.CreatedAt)
	return err
}

// TopUpTotalSince sums completed top-ups for the daily limit.
func (s *Store) TopUpTotalSince(ctx context.Context, subscriberID string, since time.Time) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(amount), 0) FROM topups
		WHERE subscriber_id = $1 AND status = 'completed' AND created_at >= $2`, subscriberID, since).Scan(&n)
	return n, err
}

// RedeemVoucher atomically burns a voucher and returns its face value.
func (s *Store) RedeemVoucher(ctx context.Context, code, subscriberID string) (money.Money, error) {
	var amt int64
	var cur string
	err := s.db.QueryRowContext(ctx, `UPDATE vouchers SET redeemed_at = now(), redeemed_by = $2
		WHERE code = $1 AND redeemed_at IS NULL AND expires_at > now() RETURNING value, currency`, code, subscriberID).Scan(&amt, &cur)
	if db.IsNoRows(err) {
		return money.Money{}, errs.E(errs.Invalid, "payments.RedeemVoucher", "voucher invalid, used or expired")
	}
	return money.New(amt, cur), err
}

// SucceededForOrder returns the captured payment for a shop order.
func (s *Store) SucceededForOrder(ctx context.Context, orderID string) (models.Payment, error) {
	p, err := scanPayment(s.db.QueryRowContext(ctx, `SELECT `+payCols+` FROM payments
		WHERE order_id = $1 AND status = 'succeeded' ORDER BY created_at DESC LIMIT 1`, orderID))
	if db.IsNoRows(err) {
		return p, errs.E(errs.NotFound, "payments.SucceededForOrder", "no captured payment for order")
	}
	return p, err
}
