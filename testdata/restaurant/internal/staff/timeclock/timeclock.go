// Package timeclock records clock-ins, breaks and clock-outs and computes
// worked hours with overtime.
package timeclock

import (
	"context"
	"database/sql"
	"time"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/internal/staff/employees"
	"tablecraft.io/ops/internal/staff/schedule"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/pos/posdb"
	"tablecraft.io/ops/util"
)

// EarlySlack is how early someone may clock in before a scheduled shift.
const EarlySlack = 15 * time.Minute

// Service is the timeclock.
type Service struct {
	db        *sql.DB
	employees *employees.Service
	schedule  *schedule.Service
	orders    *posdb.Store
}

// NewService returns a Service.
func NewService(conn *sql.DB, e *employees.Service, s *schedule.Service, orders *posdb.Store) *Service {
	return &Service{db: conn, employees: e, schedule: s, orders: orders}
}

// ClockIn opens a punch. Unscheduled clock-ins need a manager override.
func (s *Service) ClockIn(ctx context.Context, employeeID int64, at time.Time, overrideBy int64) (*models.Punch, error) {
	emp, err := s.employees.Get(ctx, employeeID)
	if err != nil {
		return nil, err
	}
	if open, err := s.openPunch(ctx, employeeID); err != nil {
		return nil, err
	} else if open != nil {
		return nil, errs.Conflict("already clocked in since %s", open.InAt.Format("15:04"))
	}
	sh, err := s.schedule.ScheduledAround(ctx, employeeID, at, EarlySlack)
	if err != nil {
		return nil, err
	}
	p := &models.Punch{EmployeeID: employeeID, LocationID: emp.LocationID, Role: emp.Role, InAt: util.RoundToQuarter(at)}
	if sh != nil {
		p.ShiftID, p.Role = sh.ID, sh.Role
		if at.Before(sh.StartsAt) {
			p.InAt = sh.StartsAt // no paid time before the shift starts
		}
	} else {
		if overrideBy == 0 {
			return nil, errs.Forbidden("not scheduled; manager override required")
		}
		if err := s.employees.RequireManager(ctx, overrideBy); err != nil {
			return nil, err
		}
	}
	err = s.db.QueryRowContext(ctx,
		`INSERT INTO time_punches (employee_id, location_id, shift_id, role, in_at, break_mins, declared_tips, override_by)
		 VALUES ($1, $2, $3, $4, $5, 0, 0, $6) RETURNING id`,
		p.EmployeeID, p.LocationID, db.NullInt64(p.ShiftID), p.Role, p.InAt, db.NullInt64(overrideBy)).Scan(&p.ID)
	return p, err
}

// ClockOut closes the open punch. Servers must close their checks first
// and declare cash tips.
func (s *Service) ClockOut(ctx context.Context, employeeID int64, at time.Time, breakMins int, cashTips money.Cents) (*models.Punch, error) {
	p, err := s.openPunch(ctx, employeeID)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, errs.Conflict("not clocked in")
	}
	if p.Role == models.RoleServer || p.Role == models.RoleBartender {
		n, err := s.orders.OpenForServer(ctx, employeeID)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			return nil, errs.Conflict("%d open checks must be closed or transferred before clocking out", n)
		}
	}
	out := util.RoundToQuarter(at)
	if worked := out.Sub(p.InAt); worked > 6*time.Hour && breakMins < 30 {
		breakMins = 30 // state rule: 30 min meal break deducted after 6h
	}
	p.OutAt, p.BreakMins, p.DeclaredTip = &out, breakMins, cashTips
	_, err = s.db.ExecContext(ctx,
		`UPDATE time_punches SET out_at = $2, break_mins = $3, declared_tips = $4 WHERE id = $1`,
		p.ID, out, breakMins, cashTips)
	return p, err
}

func (s *Service) openPunch(ctx context.Context, employeeID int64) (*models.Punch, error) {
	var p models.Punch
	var shift sql.NullInt64
	err := s.db.QueryRowContext(ctx,
		`SELECT id, employee_id, location_id, shift_id, role, in_at, break_mins FROM time_punches
		 WHERE employee_id = $1 AND out_at IS NULL ORDER BY in_at DESC LIMIT 1`, employeeID).
		Scan(&p.ID, &p.EmployeeID, &p.LocationID, &shift, &p.Role, &p.InAt, &p.BreakMins)
	if db.IsNoRows(err) {
		return nil, nil
	}
	p.ShiftID = shift.Int64
	return &p, err
}

// Hours summarises worked time for payroll.
type Hours struct {
	EmployeeID int64
	Regular    time.Duration
	Overtime   time.Duration
	Gross      money.Cents
	CashTips   money.Cents
}

// Summary computes hours for an employee in [from, to), overtime after 40h.
func (s *Service) Summary(ctx context.Context, employeeID int64, from, to time.Time) (*Hours, error) {
	emp, err := s.employees.Get(ctx, employeeID)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT in_at, out_at, break_mins, declared_tips FROM time_punches
		 WHERE employee_id = $1 AND in_at >= $2 AND in_at < $3 AND out_at IS NOT NULL ORDER BY in_at`,
		employeeID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	h := &Hours{EmployeeID: employeeID}
	var total time.Duration
	for rows.Next() {
		var in, out time.Time
		var br int
		var tips money.Cents
		if err := rows.Scan(&in, &out, &br, &tips); err != nil {
			return nil, err
		}
		total += out.Sub(in) - time.Duration(br)*time.Minute
		h.CashTips += tips
	}
	h.Regular = min(total, 40*time.Hour)
	h.Overtime = total - h.Regular
	h.Gross = pay(emp.HourlyRate, h.Regular, 1) + pay(emp.HourlyRate, h.Overtime, 1.5)
	return h, rows.Err()
}

func pay(rate money.Cents, d time.Duration, mult float64) money.Cents {
	return money.Cents(float64(rate) * d.Hours() * mult)
}

// OnClock lists who is currently clocked in at a location.
func (s *Service) OnClock(ctx context.Context, locationID int64) ([]models.Punch, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, employee_id, role, in_at FROM time_punches WHERE location_id = $1 AND out_at IS NULL ORDER BY in_at`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Punch
	for rows.Next() {
		p := models.Punch{LocationID: locationID}
		if err := rows.Scan(&p.ID, &p.EmployeeID, &p.Role, &p.InAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
