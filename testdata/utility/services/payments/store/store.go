// Package store persists payments, mandates, collections and allocations.
package store

import (
	"context"
	"database/sql"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/payments/domain"
)

type Store struct{ db *sql.DB }

func New(d *sql.DB) *Store { return &Store{db: d} }

func (s *Store) DB() *sql.DB { return s.db }

// RecordPayment inserts a settled payment and reduces the account balance.
func (s *Store) RecordPayment(ctx context.Context, tx *sql.Tx, p models.Payment) error {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO payments (id, account_id, amount_pence, method, reference, status, received_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		p.ID, p.AccountID, int64(p.Amount), p.Method, p.Reference, p.Status, p.ReceivedAt); err != nil {
		return err
	}
	if p.Status != models.PaymentSettled {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET balance_pence = balance_pence - $2 WHERE id = $1`,
		p.AccountID, int64(p.Amount))
	return err
}

func (s *Store) ForAccount(ctx context.Context, accountID string, limit int) ([]models.Payment, error) {
	return s.payments(ctx, `SELECT id, account_id, amount_pence, method, reference, status, received_at
		FROM payments WHERE account_id = $1 ORDER BY received_at DESC LIMIT $2`, accountID, limit)
}

// SettledSince sums settled payments on an account from a date.
func (s *Store) SettledSince(ctx context.Context, accountID string, since time.Time) (money.Pence, error) {
	var sum int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(sum(amount_pence), 0) FROM payments
		WHERE account_id = $1 AND status = 'settled' AND received_at >= $2`, accountID, since).Scan(&sum)
	return money.Pence(sum), err
}

func (s *Store) payments(ctx context.Context, q string, args ...any) ([]models.Payment, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Payment
	for rows.Next() {
		var p models.Payment
		var amt int64
		if err := rows.Scan(&p.ID, &p.AccountID, &amt, &p.Method, &p.Reference, &p.Status, &p.ReceivedAt); err != nil {
			return nil, err
		}
		p.Amount = money.Pence(amt)
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *Store) InsertMandate(ctx context.Context, m domain.Mandate) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO dd_mandates (id, account_id, holder_name, sort_code, account_number, reference, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		m.ID, m.AccountID, m.HolderName, m.SortCode, m.AccountNumber, m.Reference, m.Status, m.CreatedAt)
	return err
}

// ActiveMandate returns the account's live mandate, if any.
func (s *Store) ActiveMandate(ctx context.Context, accountID string) (domain.Mandate, bool, error) {
	var m domain.Mandate
	err := s.db.QueryRowContext(ctx, `
		SELECT id, account_id, holder_name, sort_code, account_number, reference, status, created_at
		FROM dd_mandates WHERE account_id = $1 AND status IN ('pending', 'active')
		ORDER BY created_at DESC LIMIT 1`, accountID).
		Scan(&m.ID, &m.AccountID, &m.HolderName, &m.SortCode, &m.AccountNumber, &m.Reference, &m.Status, &m.CreatedAt)
	if db.IsNoRows(err) {
		return m, false, nil
	}
	return m, err == nil, err
}

func (s *Store) SetMandateStatus(ctx context.Context, q db.Querier, id, status string) error {
	res, err := q.ExecContext(ctx, `UPDATE dd_mandates SET status = $2 WHERE id = $1`, id, status)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFound("payments.SetMandateStatus", "mandate %s", id)
	}
	return nil
}

// ActivatePending activates mandates lodged at least n days ago.
func (s *Store) ActivatePending(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE dd_mandates SET status = 'active'
		WHERE status = 'pending' AND created_at < $1`, before)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *Store) InsertCollection(ctx context.Context, c domain.Collection) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO dd_collections (id, mandate_id, account_id, bill_id, amount_pence, due_date, status)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (bill_id) DO NOTHING`,
		c.ID, c.MandateID, c.AccountID, c.BillID, int64(c.Amount), c.DueDate, c.Status)
	return err
}

const collCols = `id, mandate_id, account_id, bill_id, amount_pence, due_date, status`

func scanCollection(row interface{ Scan(...any) error }) (domain.Collection, error) {
	var c domain.Collection
	var amt int64
	err := row.Scan(&c.ID, &c.MandateID, &c.AccountID, &c.BillID, &amt, &c.DueDate, &c.Status)
	c.Amount = money.Pence(amt)
	return c, err
}

func (s *Store) Collection(ctx context.Context, id string) (domain.Collection, error) {
	c, err := scanCollection(s.db.QueryRowContext(ctx, `SELECT `+collCols+` FROM dd_collections WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return c, errs.NotFound("payments.Collection", "collection %s", id)
	}
	return c, err
}

func (s *Store) Collections(ctx context.Context, status string, dueOnOrBefore time.Time) ([]domain.Collection, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+collCols+` FROM dd_collections
		WHERE status = $1 AND due_date <= $2 ORDER BY due_date, id`, status, dueOnOrBefore)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Collection
	for rows.Next() {
		c, err := scanCollection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) SetCollectionStatus(ctx context.Context, q db.Querier, id, status, reason string) error {
	_, err := q.ExecContext(ctx, `UPDATE dd_collections SET status = $2, return_reason = NULLIF($3, ''), updated_at = now()
		WHERE id = $1`, id, status, reason)
	return err
}

func (s *Store) MandateByID(ctx context.Context, id string) (domain.Mandate, error) {
	var m domain.Mandate
	err := s.db.QueryRowContext(ctx, `
		SELECT id, account_id, holder_name, sort_code, account_number, reference, status, created_at
		FROM dd_mandates WHERE id = $1`, id).
		Scan(&m.ID, &m.AccountID, &m.HolderName, &m.SortCode, &m.AccountNumber, &m.Reference, &m.Status, &m.CreatedAt)
	if db.IsNoRows(err) {
		return m, errs.NotFound("payments.Mandate", "mandate %s", id)
	}
	return m, err
}

func (s *Store) Allocate(ctx context.Context, tx *sql.Tx, paymentID, billID string, amount money.Pence) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO payment_allocations (payment_id, bill_id, amount_pence, allocated_at)
		VALUES ($1, $2, $3, now())`, paymentID, billID, int64(amount))
	return err
}
