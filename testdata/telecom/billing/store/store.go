// Package store persists invoices, invoice lines and invoice numbering.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/money"
)

type Store struct{ db *sql.DB }

func New(pool *sql.DB) *Store { return &Store{db: pool} }

const invCols = `id, number, subscriber_id, period_start, period_end, subtotal, tax, total, amount_paid, currency,
	status, issued_at, due_at, dunning_level`

func scanInvoice(row interface{ Scan(...any) error }) (models.Invoice, error) {
	var inv models.Invoice
	var sub, tax, total, paid int64
	var cur string
	err := row.Scan(&inv.ID, &inv.Number, &inv.SubscriberID, &inv.PeriodStart, &inv.PeriodEnd, &sub, &tax, &total, &paid, &cur,
		&inv.Status, &inv.IssuedAt, &inv.DueAt, &inv.DunningLevel)
	inv.Subtotal, inv.Tax, inv.Total, inv.AmountPaid = money.New(sub, cur), money.New(tax, cur), money.New(total, cur), money.New(paid, cur)
	return inv, err
}

func (s *Store) query(ctx context.Context, where string, args ...any) ([]models.Invoice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+invCols+` FROM invoices WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Invoice
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, rows.Err()
}

func (s *Store) Get(ctx context.Context, id string) (models.Invoice, error) {
	inv, err := scanInvoice(s.db.QueryRowContext(ctx, `SELECT `+invCols+` FROM invoices WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return inv, errs.E(errs.NotFound, "billing.Get", "invoice "+id+" not found")
	}
	if err != nil {
		return inv, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, description, quantity, amount, tax_code FROM invoice_lines
		WHERE invoice_id = $1 ORDER BY position`, id)
	if err != nil {
		return inv, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.InvoiceLine
		var amt int64
		if err := rows.Scan(&l.Kind, &l.Description, &l.Quantity, &amt, &l.TaxCode); err != nil {
			return inv, err
		}
		l.Amount = money.New(amt, inv.Total.Currency)
		inv.Lines = append(inv.Lines, l)
	}
	return inv, rows.Err()
}

func (s *Store) ForSubscriber(ctx context.Context, subscriberID string, limit int) ([]models.Invoice, error) {
	return s.query(ctx, `subscriber_id = $1 ORDER BY issued_at DESC LIMIT $2`, subscriberID, limit)
}

// Outstanding is the unpaid total across issued invoices.
func (s *Store) Outstanding(ctx context.Context, subscriberID, currency string) (money.Money, error) {
	var amt int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(total - amount_paid), 0) FROM invoices
		WHERE subscriber_id = $1 AND status = 'issued'`, subscriberID).Scan(&amt)
	return money.New(amt, currency), err
}

func (s *Store) ExistsForPeriod(ctx context.Context, subscriberID string, periodStart time.Time) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM invoices WHERE subscriber_id = $1 AND period_start = $2 AND status <> 'void'`,
		subscriberID, periodStart).Scan(&n)
	return n > 0, err
}

// Insert stores an issued invoice with a gapless number and flags the
// usage it covers as invoiced so the next run does not bill it again.
func (s *Store) Insert(ctx context.Context, inv *models.Invoice) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		var seq int64
		year := inv.IssuedAt.Year()
		if err := tx.QueryRowContext(ctx, `INSERT INTO invoice_sequences (year, last) VALUES ($1, 1)
			ON CONFLICT (year) DO UPDATE SET last = invoice_sequences.last + 1 RETURNING last`, year).Scan(&seq); err != nil {
			return err
		}
		inv.Number = fmt.Sprintf("INV-%d-%07d", year, seq)
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoices (`+invCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,0)`,
			inv.ID, inv.Number, inv.SubscriberID, inv.PeriodStart, inv.PeriodEnd, inv.Subtotal.Amount, inv.Tax.Amount,
			inv.Total.Amount, int64(0), inv.Total.Currency, inv.Status, inv.IssuedAt, inv.DueAt); err != nil {
			return err
		}
		for i, l := range inv.Lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity, amount, tax_code)
				VALUES ($1,$2,$3,$4,$5,$6,$7)`, inv.ID, i, l.Kind, l.Description, l.Quantity, l.Amount.Amount, l.TaxCode); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE rated_events SET invoiced = true, invoice_id = $1
			WHERE subscriber_id = $2 AND rated_at < $3 AND NOT invoiced`, inv.ID, inv.SubscriberID, inv.PeriodEnd)
		return err
	})
}

// ApplyPayment adds a payment and marks the invoice paid once settled.
func (s *Store) ApplyPayment(ctx context.Context, id, paymentID string, amount money.Money) (models.Invoice, error) {
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_payments (invoice_id, payment_id, amount, applied_at) VALUES ($1, $2, $3, now())`,
			id, paymentID, amount.Amount); err != nil {
			if db.IsUniqueViolation(err) {
				return errs.E(errs.Conflict, "billing.ApplyPayment", "payment already applied")
			}
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE invoices SET amount_paid = amount_paid + $2,
			status = CASE WHEN amount_paid + $2 >= total THEN 'paid' ELSE status END WHERE id = $1`, id, amount.Amount)
		return err
	})
	if err != nil {
		return models.Invoice{}, err
	}
	return s.Get(ctx, id)
}

func (s *Store) SetStatus(ctx context.Context, id, status string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE invoices SET status = $2 WHERE id = $1`, id, status)
	return err
}

// ReleaseUsage un-flags usage when an invoice is voided so it is rebilled.
func (s *Store) ReleaseUsage(ctx context.Context, invoiceID string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE rated_events SET invoiced = false, invoice_id = NULL WHERE invoice_id = $1`, invoiceID)
	return err
}

func (s *Store) Overdue(ctx context.Context, asOf time.Time) ([]models.Invoice, error) {
	return s.query(ctx, `status = 'issued' AND due_at < $1 ORDER BY due_at`, asOf)
}

func (s *Store) SetDunningLevel(ctx context.Context, id string, level int) error {
	_, err := s.db.ExecContext(ctx, `UPDATE invoices SET dunning_level = $2, dunning_at = now() WHERE id = $1`, id, level)
	return err
}

func (s *Store) ReferToCollections(ctx context.Context, inv models.Invoice) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO collections_referrals (invoice_id, subscriber_id, amount, referred_at)
		VALUES ($1, $2, $3, now()) ON CONFLICT (invoice_id) DO NOTHING`, inv.ID, inv.SubscriberID, inv.Balance().Amount)
	return err
}
