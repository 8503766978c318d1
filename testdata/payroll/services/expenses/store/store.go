// Package store persists expense reports and their line items.
// Tables: expense_reports, expense_items.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
)

// Store is the expenses database gateway.
type Store struct{ db *sql.DB }

// New builds a Store.
func New(pool *sql.DB) *Store { return &Store{db: pool} }

// Create inserts a report with its items.
func (s *Store) Create(ctx context.Context, r models.ExpenseReport) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO expense_reports (id, tenant_id, employee_id, title, status, total_cents, currency)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.ID, r.TenantID, r.EmployeeID, r.Title, r.Status, r.Total.Cents, r.Total.Currency); err != nil {
			return errs.Wrap(err, errs.Internal, "insert expense report")
		}
		for _, it := range r.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO expense_items (id, report_id, category, merchant, amount_cents, currency, spent_on, receipt_url)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, it.ID, r.ID, it.Category, it.Merchant, it.Amount.Cents, it.Amount.Currency,
				it.SpentOn, it.ReceiptURL); err != nil {
				return errs.Wrap(err, errs.Internal, "insert expense item")
			}
		}
		return nil
	})
}

// Get loads a report with items.
func (s *Store) Get(ctx context.Context, tenantID, id string) (models.ExpenseReport, error) {
	rs, err := s.list(ctx, `tenant_id = $1 AND id = $2`, tenantID, id)
	if err != nil {
		return models.ExpenseReport{}, err
	}
	if len(rs) == 0 {
		return models.ExpenseReport{}, errs.E(errs.NotFound, "expense report %s not found", id)
	}
	return rs[0], nil
}

// ByStatus lists reports in a status, optionally for some employees.
func (s *Store) ByStatus(ctx context.Context, tenantID string, st models.ExpenseStatus, employeeIDs []string) ([]models.ExpenseReport, error) {
	return s.list(ctx, `tenant_id = $1 AND status = $2 AND (cardinality($3::text[]) = 0 OR employee_id = ANY($3))`,
		tenantID, st, employeeIDs)
}

// SetStatus updates the status and approver.
func (s *Store) SetStatus(ctx context.Context, tenantID, id string, st models.ExpenseStatus, by string) error {
	q := `UPDATE expense_reports SET status = $3 WHERE tenant_id = $1 AND id = $2`
	args := []any{tenantID, id, st}
	switch st {
	case models.ExpenseSubmitted:
		q = `UPDATE expense_reports SET status = $3, submitted_at = now() WHERE tenant_id = $1 AND id = $2`
	case models.ExpenseApproved, models.ExpenseRejected:
		q = `UPDATE expense_reports SET status = $3, approved_by = $4 WHERE tenant_id = $1 AND id = $2`
		args = append(args, by)
	}
	_, err := s.db.ExecContext(ctx, q, args...)
	return errs.Wrap(err, errs.Internal, "update expense status")
}

func (s *Store) list(ctx context.Context, where string, args ...any) ([]models.ExpenseReport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, tenant_id, employee_id, title, status, total_cents, currency,
		COALESCE(approved_by, ''), COALESCE(reimbursed_in, ''), submitted_at FROM expense_reports WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list expense reports")
	}
	var out []models.ExpenseReport
	for rows.Next() {
		var r models.ExpenseReport
		var cents int64
		var cur string
		var sub sql.NullTime
		if err := rows.Scan(&r.ID, &r.TenantID, &r.EmployeeID, &r.Title, &r.Status, &cents, &cur,
			&r.ApprovedBy, &r.ReimbursedIn, &sub); err != nil {
			rows.Close()
			return nil, err
		}
		r.Total = money.New(cents, cur)
		r.SubmittedAt = db.TimePtr(sub)
		out = append(out, r)
	}
	rows.Close()
	for i := range out {
		items, err := s.items(ctx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Items = items
	}
	return out, nil
}

func (s *Store) items(ctx context.Context, reportID string) ([]models.ExpenseItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, category, merchant, amount_cents, currency, spent_on, receipt_url
		FROM expense_items WHERE report_id = $1 ORDER BY spent_on`, reportID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list expense items")
	}
	defer rows.Close()
	var out []models.ExpenseItem
	for rows.Next() {
		var it models.ExpenseItem
		var cents int64
		var cur string
		var spent time.Time
		if err := rows.Scan(&it.ID, &it.Category, &it.Merchant, &cents, &cur, &spent, &it.ReceiptURL); err != nil {
			return nil, err
		}
		it.Amount, it.SpentOn = money.New(cents, cur), spent
		out = append(out, it)
	}
	return out, rows.Err()
}
