// Package store persists invoices and payments.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/money"
)

type Store struct{ db *sql.DB }

func New(conn *sql.DB) *Store { return &Store{db: conn} }

func (s *Store) DB() *sql.DB { return s.db }

// InsertInvoice writes an invoice and its lines.
func (s *Store) InsertInvoice(ctx context.Context, q db.Querier, inv models.Invoice) error {
	if _, err := q.ExecContext(ctx, `INSERT INTO invoices (id, member_id, number, status, issued_at, due_date, total_minor, vat_minor, currency)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		inv.ID, inv.MemberID, inv.Number, inv.Status, inv.IssuedAt, inv.DueDate, inv.Total.Amount, inv.VAT.Amount, inv.Total.Currency); err != nil {
		return err
	}
	for i, l := range inv.Lines {
		if err := s.InsertLine(ctx, q, inv.ID, i+1, l); err != nil {
			return err
		}
	}
	return nil
}

// InsertLine appends one line to an invoice.
func (s *Store) InsertLine(ctx context.Context, q db.Querier, invoiceID string, pos int, l models.InvoiceLine) error {
	_, err := q.ExecContext(ctx, `INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_minor, source, source_ref)
		VALUES ($1,$2,$3,$4,$5,$6,$7)`, invoiceID, pos, l.Description, l.Quantity, l.UnitPrice.Amount, l.Source, l.SourceRef)
	return err
}

// OpenDraft returns the member's current draft invoice id (pending charges), creating one if needed.
func (s *Store) OpenDraft(ctx context.Context, q db.Querier, memberID, newID, number string) (string, int, error) {
	var id string
	var n int
	err := q.QueryRowContext(ctx, `SELECT i.id, (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id)
		FROM invoices i WHERE i.member_id = $1 AND i.status = 'draft' FOR UPDATE`, memberID).Scan(&id, &n)
	if err == sql.ErrNoRows {
		_, err = q.ExecContext(ctx, `INSERT INTO invoices (id, member_id, number, status, issued_at, due_date, total_minor, vat_minor, currency)
			VALUES ($1,$2,$3,'draft',now(),now(),0,0,'GBP')`, newID, memberID, number)
		return newID, 0, err
	}
	return id, n, err
}

func (s *Store) GetInvoice(ctx context.Context, id string) (models.Invoice, error) {
	var inv models.Invoice
	var total, vat int64
	var cur string
	err := s.db.QueryRowContext(ctx, `SELECT id, member_id, number, status, issued_at, due_date, total_minor, vat_minor, currency
		FROM invoices WHERE id = $1`, id).Scan(&inv.ID, &inv.MemberID, &inv.Number, &inv.Status, &inv.IssuedAt, &inv.DueDate, &total, &vat, &cur)
	if err != nil {
		return inv, db.NotFound(err, "invoice")
	}
	inv.Total, inv.VAT = money.New(total, cur), money.New(vat, cur)
	rows, err := s.db.QueryContext(ctx, `SELECT description, quantity, unit_price_minor, source, source_ref
		FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`, id)
	if err != nil {
		return inv, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.InvoiceLine
		var up int64
		if err := rows.Scan(&l.Description, &l.Quantity, &up, &l.Source, &l.SourceRef); err != nil {
			return inv, err
		}
		l.UnitPrice = money.New(up, cur)
		inv.Lines = append(inv.Lines, l)
	}
	return inv, rows.Err()
}

func (s *Store) ListForMember(ctx context.Context, memberID string, limit int) ([]models.Invoice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, number, status, issued_at, due_date, total_minor, currency
		FROM invoices WHERE member_id = $1 AND status <> 'draft' ORDER BY issued_at DESC LIMIT $2`, memberID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Invoice
	for rows.Next() {
		inv := models.Invoice{MemberID: memberID}
		var total int64
		var cur string
		if err := rows.Scan(&inv.ID, &inv.Number, &inv.Status, &inv.IssuedAt, &inv.DueDate, &total, &cur); err != nil {
			return nil, err
		}
		inv.Total = money.New(total, cur)
		out = append(out, inv)
	}
	return out, rows.Err()
}

func (s *Store) SetStatus(ctx context.Context, q db.Querier, id string, st models.InvoiceStatus) error {
	res, err := q.ExecContext(ctx, `UPDATE invoices SET status = $2 WHERE id = $1`, id, st)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "invoice")
}

func (s *Store) Finalise(ctx context.Context, q db.Querier, id string, total, vat money.Money, due time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE invoices SET status = 'open', total_minor = $2, vat_minor = $3, issued_at = now(), due_date = $4
		WHERE id = $1 AND status = 'draft'`, id, total.Amount, vat.Amount, due)
	return err
}

func (s *Store) RecordPayment(ctx context.Context, q db.Querier, invoiceID, method, providerRef string, amount money.Money) error {
	_, err := q.ExecContext(ctx, `INSERT INTO payments (invoice_id, method, provider_ref, amount_minor, currency, paid_at)
		VALUES ($1,$2,$3,$4,$5,now())`, invoiceID, method, providerRef, amount.Amount, amount.Currency)
	return err
}

// NextNumber allocates the next invoice number from a sequence.
func (s *Store) NextNumber(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT nextval('invoice_number_seq')`).Scan(&n)
	return n, err
}

// Balance returns the sum of unpaid open and failed invoices.
func (s *Store) Balance(ctx context.Context, memberID string) (money.Money, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(sum(total_minor),0) FROM invoices
		WHERE member_id = $1 AND status IN ('open','failed')`, memberID).Scan(&v)
	return money.GBP(v), err
}
