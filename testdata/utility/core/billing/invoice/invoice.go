// Package invoice stores bills and their lines and issues them: numbering,
// due dates, the account balance, and the bill.issued event.
package invoice

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/money"
)

type Store struct {
	db     *sql.DB
	bus    *events.Bus
	prefix string
	term   int
}

func NewStore(d *sql.DB, bus *events.Bus, prefix string, termDays int) *Store {
	return &Store{db: d, bus: bus, prefix: prefix, term: termDays}
}

// Save writes a draft bill and its lines.
func (s *Store) Save(ctx context.Context, tx *sql.Tx, b models.Bill) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO bills (id, account_id, period_start, period_end, net_pence, vat_pence, total_pence,
			paid_pence, status, estimated, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, now())`,
		b.ID, b.AccountID, b.PeriodStart, b.PeriodEnd, int64(b.Net), int64(b.VAT), int64(b.Total), b.Status, b.Estimated)
	if err != nil {
		return err
	}
	for i, l := range b.Lines {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO bill_lines (bill_id, seq, site_id, kind, description, quantity, unit, unit_price_pence, amount_pence)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			b.ID, i+1, db.NullString(l.SiteID), l.Kind, l.Description, l.Quantity, l.Unit, l.UnitPrice, int64(l.Amount)); err != nil {
			return err
		}
	}
	return nil
}

// Issue numbers a draft bill, sets its due date, adds it to the account
// balance and publishes bill.issued, all in the caller's transaction.
func (s *Store) Issue(ctx context.Context, tx *sql.Tx, b *models.Bill, at time.Time) error {
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT nextval('invoice_number_seq')`).Scan(&seq); err != nil {
		return err
	}
	b.InvoiceNumber = fmt.Sprintf("%s%s%07d", s.prefix, at.Format("06"), seq)
	due := at.AddDate(0, 0, s.term)
	b.IssuedAt, b.DueDate, b.Status = &at, &due, models.BillIssued
	res, err := tx.ExecContext(ctx, `
		UPDATE bills SET status = 'issued', invoice_number = $2, issued_at = $3, due_date = $4
		WHERE id = $1 AND status = 'draft'`, b.ID, b.InvoiceNumber, at, due)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errs.Conflict("invoice.Issue", "bill %s is not a draft", b.ID)
	}
	if _, err := tx.ExecContext(ctx,
		`UPDATE accounts SET balance_pence = balance_pence + $2 WHERE id = $1`, b.AccountID, int64(b.Total)); err != nil {
		return err
	}
	return s.bus.PublishTx(ctx, tx, models.EventBillIssued, b.AccountID, models.BillIssuedPayload{
		BillID: b.ID, AccountID: b.AccountID, InvoiceNumber: b.InvoiceNumber, Total: b.Total, DueDate: due})
}

const billCols = `id, account_id, COALESCE(invoice_number, ''), period_start, period_end, net_pence, vat_pence,
	total_pence, paid_pence, status, estimated, issued_at, due_date`

func scanBill(row interface{ Scan(...any) error }) (models.Bill, error) {
	var b models.Bill
	var net, vat, total, paid int64
	var issued, due sql.NullTime
	err := row.Scan(&b.ID, &b.AccountID, &b.InvoiceNumber, &b.PeriodStart, &b.PeriodEnd, &net, &vat, &total,
		&paid, &b.Status, &b.Estimated, &issued, &due)
	b.Net, b.VAT, b.Total, b.Paid = money.Pence(net), money.Pence(vat), money.Pence(total), money.Pence(paid)
	b.IssuedAt, b.DueDate = db.TimePtr(issued), db.TimePtr(due)
	return b, err
}

func (s *Store) get(ctx context.Context, q db.Querier, id string, lock bool) (models.Bill, error) {
	query := `SELECT ` + billCols + ` FROM bills WHERE id = $1`
	if lock {
		query += ` FOR UPDATE`
	}
	b, err := scanBill(q.QueryRowContext(ctx, query, id))
	if db.IsNoRows(err) {
		return b, errs.NotFound("invoice.Get", "bill %s", id)
	}
	return b, err
}

// Get loads a bill with its lines.
func (s *Store) Get(ctx context.Context, id string) (models.Bill, error) {
	b, err := s.get(ctx, s.db, id, false)
	if err != nil {
		return b, err
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT COALESCE(site_id, ''), kind, description, quantity, unit, unit_price_pence, amount_pence
		FROM bill_lines WHERE bill_id = $1 ORDER BY seq`, id)
	if err != nil {
		return b, err
	}
	defer rows.Close()
	for rows.Next() {
		var l models.BillLine
		var amt int64
		if err := rows.Scan(&l.SiteID, &l.Kind, &l.Description, &l.Quantity, &l.Unit, &l.UnitPrice, &amt); err != nil {
			return b, err
		}
		l.Amount = money.Pence(amt)
		b.Lines = append(b.Lines, l)
	}
	return b, rows.Err()
}

func (s *Store) list(ctx context.Context, query string, args ...any) ([]models.Bill, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Bill
	for rows.Next() {
		b, err := scanBill(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func (s *Store) ForAccount(ctx context.Context, accountID string, limit int) ([]models.Bill, error) {
	return s.list(ctx, `SELECT `+billCols+` FROM bills WHERE account_id = $1 AND status <> 'draft'
		ORDER BY period_end DESC LIMIT $2`, accountID, limit)
}

// Unpaid lists an account's issued bills with money outstanding, oldest first.
func (s *Store) Unpaid(ctx context.Context, accountID string) ([]models.Bill, error) {
	return s.list(ctx, `SELECT `+billCols+` FROM bills WHERE account_id = $1 AND status IN ('issued', 'part_paid')
		ORDER BY due_date`, accountID)
}

// Overdue lists bills at least minDays past due on asOf, across accounts.
func (s *Store) Overdue(ctx context.Context, asOf time.Time, minDays int) ([]models.Bill, error) {
	return s.list(ctx, `SELECT `+billCols+` FROM bills WHERE status IN ('issued', 'part_paid')
		AND due_date <= $1 ORDER BY account_id, due_date`, asOf.AddDate(0, 0, -minDays))
}

// LastPeriodEnd returns the end of the account's most recent live bill.
func (s *Store) LastPeriodEnd(ctx context.Context, accountID string) (*time.Time, error) {
	var t sql.NullTime
	err := s.db.QueryRowContext(ctx, `SELECT max(period_end) FROM bills WHERE account_id = $1 AND status <> 'cancelled'`,
		accountID).Scan(&t)
	return db.TimePtr(t), err
}
