// Package store persists timesheets and time entries.
// Tables: timesheets, time_entries.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
)

// Store is the time tracking database gateway.
type Store struct{ db *sql.DB }

// New builds a Store.
func New(pool *sql.DB) *Store { return &Store{db: pool} }

// WeekStart returns the Monday on or before d.
func WeekStart(d dates.Date) dates.Date {
	off := (int(d.Weekday()) + 6) % 7
	return d.AddDays(-off)
}

// GetOrCreateSheet returns the employee's timesheet for the week containing day.
func (s *Store) GetOrCreateSheet(ctx context.Context, tenantID, employeeID string, day dates.Date) (models.Timesheet, error) {
	start := WeekStart(day)
	sheet := models.Timesheet{
		ID: db.NewID("ts"), TenantID: tenantID, EmployeeID: employeeID,
		Week: dates.Period{Start: start, End: start.AddDays(6)}, Status: models.SheetOpen,
	}
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO timesheets (id, tenant_id, employee_id, week_start, status)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (tenant_id, employee_id, week_start) DO UPDATE SET week_start = EXCLUDED.week_start
		RETURNING id, status`, sheet.ID, tenantID, employeeID, start.Time, sheet.Status).Scan(&sheet.ID, &sheet.Status)
	if err != nil {
		return models.Timesheet{}, errs.Wrap(err, errs.Internal, "get or create timesheet")
	}
	return s.GetSheet(ctx, tenantID, sheet.ID)
}

// GetSheet loads a timesheet with its entries.
func (s *Store) GetSheet(ctx context.Context, tenantID, id string) (models.Timesheet, error) {
	var t models.Timesheet
	var start time.Time
	var submitted sql.NullTime
	var approver sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT id, tenant_id, employee_id, week_start, status, submitted_at, approved_by
		FROM timesheets WHERE tenant_id = $1 AND id = $2`, tenantID, id).
		Scan(&t.ID, &t.TenantID, &t.EmployeeID, &start, &t.Status, &submitted, &approver)
	if err != nil {
		return t, db.NotFound(err, "timesheet", id)
	}
	t.Week = dates.Period{Start: dates.Of(start), End: dates.Of(start).AddDays(6)}
	t.SubmittedAt = db.TimePtr(submitted)
	t.ApprovedBy = approver.String
	t.Entries, err = s.entries(ctx, `timesheet_id = $1`, id)
	return t, err
}

func (s *Store) entries(ctx context.Context, where string, args ...any) ([]models.TimeEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, timesheet_id, employee_id, day, hours, project_code, note
		FROM time_entries WHERE `+where+` ORDER BY day`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "load time entries")
	}
	defer rows.Close()
	var out []models.TimeEntry
	for rows.Next() {
		var e models.TimeEntry
		var day time.Time
		if err := rows.Scan(&e.ID, &e.TimesheetID, &e.EmployeeID, &day, &e.Hours, &e.ProjectCode, &e.Note); err != nil {
			return nil, err
		}
		e.Day = dates.Of(day)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddEntry appends a time entry.
func (s *Store) AddEntry(ctx context.Context, e models.TimeEntry) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO time_entries (id, timesheet_id, employee_id, day, hours, project_code, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.ID, e.TimesheetID, e.EmployeeID, e.Day.Time, e.Hours, e.ProjectCode, e.Note)
	return errs.Wrap(err, errs.Internal, "insert time entry")
}

// SetStatus moves a sheet to a new status.
func (s *Store) SetStatus(ctx context.Context, tenantID, id string, st models.TimesheetStatus, by string) error {
	q := `UPDATE timesheets SET status = $3 WHERE tenant_id = $1 AND id = $2`
	args := []any{tenantID, id, st}
	switch st {
	case models.SheetSubmitted:
		q = `UPDATE timesheets SET status = $3, submitted_at = now() WHERE tenant_id = $1 AND id = $2`
	case models.SheetApproved, models.SheetRejected:
		q = `UPDATE timesheets SET status = $3, approved_by = $4 WHERE tenant_id = $1 AND id = $2`
		args = append(args, by)
	}
	_, err := s.db.ExecContext(ctx, q, args...)
	return errs.Wrap(err, errs.Internal, "update timesheet status")
}

// ApprovedEntries returns entries on approved sheets within p.
func (s *Store) ApprovedEntries(ctx context.Context, tenantID string, p dates.Period) ([]models.TimeEntry, error) {
	return s.entries(ctx, `timesheet_id IN (SELECT id FROM timesheets WHERE tenant_id = $1 AND status = 'approved')
		AND day BETWEEN $2 AND $3`, tenantID, p.Start.Time, p.End.Time)
}

// LeaveDays returns the days in p on which the employee has approved leave.
// This reads the leave_requests table directly so that the timesheet UI can
// grey out those days without a round trip.
func (s *Store) LeaveDays(ctx context.Context, tenantID, employeeID string, p dates.Period) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT start_date, end_date FROM leave_requests
		WHERE tenant_id = $1 AND employee_id = $2 AND status = 'approved'
		AND start_date <= $4 AND end_date >= $3`, tenantID, employeeID, p.Start.Time, p.End.Time)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "load leave days")
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var a, b time.Time
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		for d := dates.Of(a); !d.After(b); d = d.AddDays(1) {
			if p.Contains(d) {
				out[d.String()] = true
			}
		}
	}
	return out, rows.Err()
}

// OpenSheetsForWeek lists employees whose sheet for week is still open.
func (s *Store) OpenSheetsForWeek(ctx context.Context, tenantID string, week dates.Date) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT employee_id FROM timesheets
		WHERE tenant_id = $1 AND week_start = $2 AND status = 'open'`, tenantID, week.Time)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "open sheets")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
