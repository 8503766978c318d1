// Package store persists pay schedules, pay runs, payslips and bank accounts.
// Tables: pay_schedules, pay_runs, payslips, pay_items, bank_accounts, garnishments.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
)

// Schedule is a tenant's pay calendar.
type Schedule struct {
	ID          string
	TenantID    string
	Name        string
	Frequency   dates.Frequency
	LastPeriod  dates.Period
	PayLagDays  int
	AutoApprove bool
}

// Store is the payroll database gateway.
type Store struct{ db *sql.DB }

// New builds a Store.
func New(pool *sql.DB) *Store { return &Store{db: pool} }

// DB exposes the pool for transactions.
func (s *Store) DB() *sql.DB { return s.db }

// Schedules lists a tenant's pay schedules.
func (s *Store) Schedules(ctx context.Context, tenantID string) ([]Schedule, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, tenant_id, name, frequency, last_period_start, last_period_end, pay_lag_days, auto_approve
		FROM pay_schedules WHERE tenant_id = $1`, tenantID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list schedules")
	}
	defer rows.Close()
	var out []Schedule
	for rows.Next() {
		var sc Schedule
		var a, b time.Time
		if err := rows.Scan(&sc.ID, &sc.TenantID, &sc.Name, &sc.Frequency, &a, &b, &sc.PayLagDays, &sc.AutoApprove); err != nil {
			return nil, err
		}
		sc.LastPeriod = dates.Period{Start: dates.Of(a), End: dates.Of(b)}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// AdvanceSchedule records the latest period that has a run.
func (s *Store) AdvanceSchedule(ctx context.Context, q db.Querier, scheduleID string, p dates.Period) error {
	_, err := q.ExecContext(ctx, `UPDATE pay_schedules SET last_period_start = $2, last_period_end = $3 WHERE id = $1`,
		scheduleID, p.Start.Time, p.End.Time)
	return errs.Wrap(err, errs.Internal, "advance schedule")
}

// InsertRun creates a draft run.
func (s *Store) InsertRun(ctx context.Context, q db.Querier, r models.PayRun) error {
	_, err := q.ExecContext(ctx, `INSERT INTO pay_runs (id, tenant_id, schedule_id, period_start, period_end, pay_date, status, currency, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		r.ID, r.TenantID, r.ScheduleID, r.Period.Start.Time, r.Period.End.Time, r.PayDate.Time, r.Status, r.GrossTotal.Currency, r.CreatedAt)
	return errs.Wrap(err, errs.Internal, "insert pay run")
}

const runCols = `id, tenant_id, schedule_id, period_start, period_end, pay_date, status, currency,
	gross_cents, net_cents, tax_cents, headcount, COALESCE(approved_by, ''), created_at`

func scanRun(row interface{ Scan(...any) error }) (models.PayRun, error) {
	var r models.PayRun
	var ps, pe, pd time.Time
	var cur string
	var g, n, t int64
	err := row.Scan(&r.ID, &r.TenantID, &r.ScheduleID, &ps, &pe, &pd, &r.Status, &cur, &g, &n, &t, &r.Headcount, &r.ApprovedBy, &r.CreatedAt)
	r.Period = dates.Period{Start: dates.Of(ps), End: dates.Of(pe)}
	r.PayDate = dates.Of(pd)
	r.GrossTotal, r.NetTotal, r.TaxTotal = money.New(g, cur), money.New(n, cur), money.New(t, cur)
	return r, err
}

// GetRun loads a run.
func (s *Store) GetRun(ctx context.Context, tenantID, id string) (models.PayRun, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, `SELECT `+runCols+` FROM pay_runs WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if err != nil {
		return r, db.NotFound(err, "pay run", id)
	}
	return r, nil
}

// ListRuns lists runs with pay dates in [from, to].
func (s *Store) ListRuns(ctx context.Context, tenantID string, from, to dates.Date, st models.PayRunStatus) ([]models.PayRun, error) {
	return s.queryRuns(ctx, `tenant_id = $1 AND pay_date BETWEEN $2 AND $3 AND ($4 = '' OR status = $4)`, tenantID, from.Time, to.Time, st)
}

// RunsToPay returns approved runs whose pay date is on or before d, across tenants.
func (s *Store) RunsToPay(ctx context.Context, d dates.Date) ([]models.PayRun, error) {
	return s.queryRuns(ctx, `status = 'approved' AND pay_date <= $1`, d.Time)
}

func (s *Store) queryRuns(ctx context.Context, where string, args ...any) ([]models.PayRun, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+runCols+` FROM pay_runs WHERE `+where+` ORDER BY pay_date`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "query pay runs")
	}
	defer rows.Close()
	var out []models.PayRun
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CountRunsInMonth counts non-voided runs with a pay date in the month of d.
func (s *Store) CountRunsInMonth(ctx context.Context, tenantID string, d dates.Date) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pay_runs WHERE tenant_id = $1 AND status <> 'voided'
		AND date_trunc('month', pay_date) = date_trunc('month', $2::date)`, tenantID, d.Time).Scan(&n)
	return n, errs.Wrap(err, errs.Internal, "count runs")
}

// SaveResults replaces a run's payslips and totals.
func (s *Store) SaveResults(ctx context.Context, r models.PayRun, slips []models.Payslip) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM payslips WHERE run_id = $1`, r.ID); err != nil {
			return errs.Wrap(err, errs.Internal, "clear payslips")
		}
		for _, p := range slips {
			items, _ := json.Marshal(p.Items)
			if _, err := tx.ExecContext(ctx, `INSERT INTO payslips (id, run_id, tenant_id, employee_id, gross_cents, net_cents, currency, items)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, p.ID, r.ID, r.TenantID, p.EmployeeID, p.Gross.Cents, p.Net.Cents, p.Gross.Currency, items); err != nil {
				return errs.Wrap(err, errs.Internal, "insert payslip")
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE pay_runs SET status = $2, gross_cents = $3, net_cents = $4, tax_cents = $5, headcount = $6
			WHERE id = $1`, r.ID, r.Status, r.GrossTotal.Cents, r.NetTotal.Cents, r.TaxTotal.Cents, r.Headcount)
		return errs.Wrap(err, errs.Internal, "update run totals")
	})
}

// SetStatus changes a run's status.
func (s *Store) SetStatus(ctx context.Context, q db.Querier, tenantID, id string, st models.PayRunStatus, by string) error {
	_, err := q.ExecContext(ctx, `UPDATE pay_runs SET status = $3, approved_by = COALESCE(NULLIF($4, ''), approved_by)
		WHERE tenant_id = $1 AND id = $2`, tenantID, id, st, by)
	return errs.Wrap(err, errs.Internal, "set run status")
}

// Payslips loads the payslips of a run, optionally for one employee.
func (s *Store) Payslips(ctx context.Context, runID, employeeID string) ([]models.Payslip, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, run_id, employee_id, gross_cents, net_cents, currency, items
		FROM payslips WHERE run_id = $1 AND ($2 = '' OR employee_id = $2) ORDER BY employee_id`, runID, employeeID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list payslips")
	}
	defer rows.Close()
	var out []models.Payslip
	for rows.Next() {
		var p models.Payslip
		var g, n int64
		var cur string
		var items []byte
		if err := rows.Scan(&p.ID, &p.RunID, &p.EmployeeID, &g, &n, &cur, &items); err != nil {
			return nil, err
		}
		p.Gross, p.Net = money.New(g, cur), money.New(n, cur)
		if err := json.Unmarshal(items, &p.Items); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "decode pay items")
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// YearToDateGross sums gross pay per employee for paid runs in year before payDate.
func (s *Store) YearToDateGross(ctx context.Context, tenantID string, payDate dates.Date) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ps.employee_id, sum(ps.gross_cents) FROM payslips ps
		JOIN pay_runs r ON r.id = ps.run_id
		WHERE r.tenant_id = $1 AND r.status = 'paid' AND r.pay_date < $2 AND extract(year FROM r.pay_date) = $3
		GROUP BY ps.employee_id`, tenantID, payDate.Time, payDate.Year())
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "ytd gross")
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var c int64
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}
