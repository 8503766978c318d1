// Package store persists leave policies, requests and balances using sqlx.
// Tables: leave_policies, leave_requests, leave_balances.
package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
)

// Store is the leave database gateway.
type Store struct {
	db *sqlx.DB
}

// New wraps a pool.
func New(pool *sql.DB) *Store { return &Store{db: sqlx.NewDb(pool, "postgres")} }

// Policy is an accrual policy for a leave type.
type Policy struct {
	ID                string  `db:"id"`
	TenantID          string  `db:"tenant_id"`
	LeaveType         string  `db:"leave_type"`
	HoursPerYear      float64 `db:"hours_per_year"`
	MaxCarryOver      float64 `db:"max_carry_over"`
	WaitingDays       int     `db:"waiting_days"`
	AppliesToPartTime bool    `db:"applies_to_part_time"`
}

type requestRow struct {
	ID         string    `db:"id"`
	TenantID   string    `db:"tenant_id"`
	EmployeeID string    `db:"employee_id"`
	LeaveType  string    `db:"leave_type"`
	StartDate  time.Time `db:"start_date"`
	EndDate    time.Time `db:"end_date"`
	Hours      float64   `db:"hours"`
	Status     string    `db:"status"`
	Reason     string    `db:"reason"`
	DecidedBy  string    `db:"decided_by"`
	CreatedAt  time.Time `db:"created_at"`
}

func (r requestRow) model() models.LeaveRequest {
	return models.LeaveRequest{
		ID: r.ID, TenantID: r.TenantID, EmployeeID: r.EmployeeID,
		Type:   models.LeaveType(r.LeaveType),
		Period: dates.Period{Start: dates.Of(r.StartDate), End: dates.Of(r.EndDate)},
		Hours:  r.Hours, Status: models.LeaveStatus(r.Status), Reason: r.Reason,
		DecidedBy: r.DecidedBy, CreatedAt: r.CreatedAt,
	}
}

type balanceRow struct {
	EmployeeID string    `db:"employee_id"`
	LeaveType  string    `db:"leave_type"`
	Accrued    float64   `db:"accrued"`
	Used       float64   `db:"used"`
	CarryOver  float64   `db:"carry_over"`
	AsOf       time.Time `db:"as_of"`
}

// Policies returns a tenant's accrual policies.
func (s *Store) Policies(ctx context.Context, tenantID string) ([]Policy, error) {
	var ps []Policy
	err := s.db.SelectContext(ctx, &ps, `SELECT id, tenant_id, leave_type, hours_per_year, max_carry_over, waiting_days, applies_to_part_time
		FROM leave_policies WHERE tenant_id = $1`, tenantID)
	return ps, errs.Wrap(err, errs.Internal, "load leave policies")
}

// InsertRequest stores a new request.
func (s *Store) InsertRequest(ctx context.Context, r models.LeaveRequest) error {
	row := requestRow{
		ID: r.ID, TenantID: r.TenantID, EmployeeID: r.EmployeeID, LeaveType: string(r.Type),
		StartDate: r.Period.Start.Time, EndDate: r.Period.End.Time, Hours: r.Hours,
		Status: string(r.Status), Reason: r.Reason, CreatedAt: r.CreatedAt,
	}
	_, err := s.db.NamedExecContext(ctx, `INSERT INTO leave_requests
		(id, tenant_id, employee_id, leave_type, start_date, end_date, hours, status, reason, decided_by, created_at)
		VALUES (:id, :tenant_id, :employee_id, :leave_type, :start_date, :end_date, :hours, :status, :reason, :decided_by, :created_at)`, row)
	return errs.Wrap(err, errs.Internal, "insert leave request")
}

// GetRequest loads one request.
func (s *Store) GetRequest(ctx context.Context, tenantID, id string) (models.LeaveRequest, error) {
	var r requestRow
	err := s.db.GetContext(ctx, &r, `SELECT * FROM leave_requests WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	if errors.Is(err, sql.ErrNoRows) {
		return models.LeaveRequest{}, errs.E(errs.NotFound, "leave request %s not found", id)
	}
	if err != nil {
		return models.LeaveRequest{}, errs.Wrap(err, errs.Internal, "get leave request")
	}
	return r.model(), nil
}

// UpdateStatus records a decision.
func (s *Store) UpdateStatus(ctx context.Context, tenantID, id string, st models.LeaveStatus, by string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE leave_requests SET status = $3, decided_by = $4 WHERE tenant_id = $1 AND id = $2`,
		tenantID, id, st, by)
	return errs.Wrap(err, errs.Internal, "update leave request")
}

// RequestsOverlapping returns requests of the given status overlapping p.
func (s *Store) RequestsOverlapping(ctx context.Context, tenantID string, employeeIDs []string, p dates.Period, st models.LeaveStatus) ([]models.LeaveRequest, error) {
	var rows []requestRow
	err := s.db.SelectContext(ctx, &rows, `SELECT * FROM leave_requests
		WHERE tenant_id = $1 AND status = $2 AND start_date <= $4 AND end_date >= $3
		AND (cardinality($5::text[]) = 0 OR employee_id = ANY($5))
		ORDER BY start_date`, tenantID, st, p.Start.Time, p.End.Time, employeeIDs)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list leave requests")
	}
	out := make([]models.LeaveRequest, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// Balances returns all balances of an employee.
func (s *Store) Balances(ctx context.Context, tenantID, employeeID string) ([]models.LeaveBalance, error) {
	var rows []balanceRow
	err := s.db.SelectContext(ctx, &rows, `SELECT employee_id, leave_type, accrued, used, carry_over, as_of
		FROM leave_balances WHERE tenant_id = $1 AND employee_id = $2`, tenantID, employeeID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "load balances")
	}
	out := make([]models.LeaveBalance, len(rows))
	for i, r := range rows {
		out[i] = models.LeaveBalance{EmployeeID: r.EmployeeID, Type: models.LeaveType(r.LeaveType),
			Accrued: r.Accrued, Used: r.Used, CarryOver: r.CarryOver, AsOf: r.AsOf}
	}
	return out, nil
}

// AddAccrual increases the accrued hours, creating the row if needed.
func (s *Store) AddAccrual(ctx context.Context, tenantID, employeeID string, t models.LeaveType, hours float64, asOf time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO leave_balances (tenant_id, employee_id, leave_type, accrued, used, carry_over, as_of)
		VALUES ($1, $2, $3, $4, 0, 0, $5)
		ON CONFLICT (tenant_id, employee_id, leave_type) DO UPDATE
		SET accrued = leave_balances.accrued + EXCLUDED.accrued, as_of = EXCLUDED.as_of`,
		tenantID, employeeID, t, hours, asOf)
	return errs.Wrap(err, errs.Internal, "add accrual")
}

// AddUsage increases the used hours.
func (s *Store) AddUsage(ctx context.Context, tenantID, employeeID string, t models.LeaveType, hours float64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE leave_balances SET used = used + $4
		WHERE tenant_id = $1 AND employee_id = $2 AND leave_type = $3`, tenantID, employeeID, t, hours)
	return errs.Wrap(err, errs.Internal, "add usage")
}

// CloseYear rolls unused hours into carry-over, capped per policy.
func (s *Store) CloseYear(ctx context.Context, tenantID string, t models.LeaveType, maxCarry float64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE leave_balances
		SET carry_over = LEAST(GREATEST(accrued + carry_over - used, 0), $3), accrued = 0, used = 0
		WHERE tenant_id = $1 AND leave_type = $2`, tenantID, t, maxCarry)
	return errs.Wrap(err, errs.Internal, "close leave year")
}
