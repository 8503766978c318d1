// Package store persists tax filings and the withholding ledger.
// Tables: tax_filings, tax_withholdings.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/money"
)

// FilingStatus of a filing.
type FilingStatus string

const (
	FilingDraft     FilingStatus = "draft"
	FilingReady     FilingStatus = "ready"
	FilingSubmitted FilingStatus = "submitted"
	FilingAccepted  FilingStatus = "accepted"
	FilingRejected  FilingStatus = "rejected"
)

// Filing is a return owed to a tax agency.
type Filing struct {
	ID           string
	TenantID     string
	Form         string
	Jurisdiction string
	Period       dates.Period
	DueDate      dates.Date
	Status       FilingStatus
	Amount       money.Money
	Payload      []byte
	Confirmation string
	SubmittedAt  *time.Time
}

// Withholding is one ledger line written when a pay run completes.
type Withholding struct {
	TenantID     string
	RunID        string
	EmployeeID   string
	Jurisdiction string
	Code         string
	PayDate      dates.Date
	Wages        money.Money
	Amount       money.Money
}

// Store is the tax database gateway.
type Store struct{ db *sql.DB }

// New builds a Store.
func New(pool *sql.DB) *Store { return &Store{db: pool} }

// UpsertFiling creates or replaces a draft filing for its form and period.
func (s *Store) UpsertFiling(ctx context.Context, f *Filing) error {
	if f.ID == "" {
		f.ID = db.NewID("fil")
	}
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO tax_filings (id, tenant_id, form, jurisdiction, period_start, period_end, due_date, status, amount_cents, currency, payload)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (tenant_id, form, jurisdiction, period_start) DO UPDATE
		SET amount_cents = EXCLUDED.amount_cents, payload = EXCLUDED.payload, status = EXCLUDED.status
		WHERE tax_filings.status IN ('draft', 'ready', 'rejected')
		RETURNING id`,
		f.ID, f.TenantID, f.Form, f.Jurisdiction, f.Period.Start.Time, f.Period.End.Time, f.DueDate.Time,
		f.Status, f.Amount.Cents, f.Amount.Currency, f.Payload).Scan(&f.ID)
	if err == sql.ErrNoRows {
		return errs.E(errs.Conflict, "filing %s %s already submitted", f.Form, f.Period.Start)
	}
	return errs.Wrap(err, errs.Internal, "upsert filing")
}

// GetFiling loads a filing.
func (s *Store) GetFiling(ctx context.Context, tenantID, id string) (Filing, error) {
	rows, err := s.list(ctx, `tenant_id = $1 AND id = $2`, tenantID, id)
	if err != nil {
		return Filing{}, err
	}
	if len(rows) == 0 {
		return Filing{}, errs.E(errs.NotFound, "filing %s not found", id)
	}
	return rows[0], nil
}

// ListFilings returns filings for a year, optionally by status.
func (s *Store) ListFilings(ctx context.Context, tenantID string, year int, st FilingStatus) ([]Filing, error) {
	return s.list(ctx, `tenant_id = $1 AND extract(year FROM period_start) = $2 AND ($3 = '' OR status = $3)`, tenantID, year, st)
}

// DueBefore returns ready filings due on or before d, across all tenants.
func (s *Store) DueBefore(ctx context.Context, d dates.Date) ([]Filing, error) {
	return s.list(ctx, `status = 'ready' AND due_date <= $1`, d.Time)
}

func (s *Store) list(ctx context.Context, where string, args ...any) ([]Filing, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, tenant_id, form, jurisdiction, period_start, period_end, due_date,
		status, amount_cents, currency, payload, COALESCE(confirmation, ''), submitted_at
		FROM tax_filings WHERE `+where+` ORDER BY due_date`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list filings")
	}
	defer rows.Close()
	var out []Filing
	for rows.Next() {
		var f Filing
		var ps, pe, due time.Time
		var cents int64
		var cur string
		var sub sql.NullTime
		if err := rows.Scan(&f.ID, &f.TenantID, &f.Form, &f.Jurisdiction, &ps, &pe, &due,
			&f.Status, &cents, &cur, &f.Payload, &f.Confirmation, &sub); err != nil {
			return nil, err
		}
		f.Period = dates.Period{Start: dates.Of(ps), End: dates.Of(pe)}
		f.DueDate = dates.Of(due)
		f.Amount = money.New(cents, cur)
		f.SubmittedAt = db.TimePtr(sub)
		out = append(out, f)
	}
	return out, rows.Err()
}

// MarkSubmitted records the agency's response.
func (s *Store) MarkSubmitted(ctx context.Context, tenantID, id string, st FilingStatus, confirmation string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE tax_filings SET status = $3, confirmation = $4, submitted_at = now()
		WHERE tenant_id = $1 AND id = $2`, tenantID, id, st, confirmation)
	return errs.Wrap(err, errs.Internal, "mark filing submitted")
}

// RecordWithholdings appends ledger lines for a run, idempotently.
func (s *Store) RecordWithholdings(ctx context.Context, ws []Withholding) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, w := range ws {
			if _, err := tx.ExecContext(ctx, `INSERT INTO tax_withholdings
				(tenant_id, run_id, employee_id, jurisdiction, code, pay_date, wages_cents, amount_cents, currency)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
				ON CONFLICT (run_id, employee_id, code) DO NOTHING`,
				w.TenantID, w.RunID, w.EmployeeID, w.Jurisdiction, w.Code, w.PayDate.Time,
				w.Wages.Cents, w.Amount.Cents, w.Amount.Currency); err != nil {
				return errs.Wrap(err, errs.Internal, "insert withholding")
			}
		}
		return nil
	})
}
