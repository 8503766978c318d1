// Package schedule builds and publishes the weekly staff schedule.
package schedule

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/notify"
	"tablecraft.io/ops/internal/staff/employees"
	"tablecraft.io/ops/models"
)

// Labor rules enforced when building a schedule.
const (
	MaxShiftHours       = 10
	MinRestBetweenHours = 8
	MaxWeeklyHours      = 40
)

// Service manages shifts.
type Service struct {
	db        *sql.DB
	employees *employees.Service
	notify    notify.Sender
}

// NewService returns a Service.
func NewService(conn *sql.DB, e *employees.Service, n notify.Sender) *Service {
	return &Service{db: conn, employees: e, notify: n}
}

// Week returns all shifts for a location in the week starting at start.
func (s *Service) Week(ctx context.Context, locationID int64, start time.Time) ([]models.Shift, error) {
	return s.between(ctx, `location_id = $1`, locationID, start, start.AddDate(0, 0, 7))
}

func (s *Service) between(ctx context.Context, where string, id int64, from, to time.Time) ([]models.Shift, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, location_id, employee_id, role, starts_at, ends_at, published FROM shifts
		 WHERE `+where+` AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at`, id, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Shift
	for rows.Next() {
		var sh models.Shift
		if err := rows.Scan(&sh.ID, &sh.LocationID, &sh.EmployeeID, &sh.Role, &sh.StartsAt, &sh.EndsAt, &sh.Published); err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, rows.Err()
}

// Add validates and stores a draft shift.
func (s *Service) Add(ctx context.Context, sh *models.Shift) error {
	if !sh.EndsAt.After(sh.StartsAt) {
		return errs.Invalid("shift must end after it starts")
	}
	if sh.EndsAt.Sub(sh.StartsAt) > MaxShiftHours*time.Hour {
		return errs.Invalid("shift longer than %d hours", MaxShiftHours)
	}
	emp, err := s.employees.Get(ctx, sh.EmployeeID)
	if err != nil {
		return err
	}
	if sh.Role == "" {
		sh.Role = emp.Role
	}
	weekStart := sh.StartsAt.AddDate(0, 0, -int(sh.StartsAt.Weekday()))
	existing, err := s.between(ctx, `employee_id = $1`, sh.EmployeeID, weekStart.Add(-24*time.Hour), weekStart.AddDate(0, 0, 8))
	if err != nil {
		return err
	}
	var weekly time.Duration
	rest := MinRestBetweenHours * time.Hour
	for _, ex := range existing {
		if ex.StartsAt.Before(sh.EndsAt.Add(rest)) && sh.StartsAt.Before(ex.EndsAt.Add(rest)) {
			return errs.Conflict("overlaps or leaves less than %dh rest with shift %d", MinRestBetweenHours, ex.ID)
		}
		if !ex.StartsAt.Before(weekStart) && ex.StartsAt.Before(weekStart.AddDate(0, 0, 7)) {
			weekly += ex.EndsAt.Sub(ex.StartsAt)
		}
	}
	if weekly+sh.EndsAt.Sub(sh.StartsAt) > MaxWeeklyHours*time.Hour {
		return errs.Conflict("%s %s would exceed %d hours this week", emp.FirstName, emp.LastName, MaxWeeklyHours)
	}
	return s.db.QueryRowContext(ctx,
		`INSERT INTO shifts (location_id, employee_id, role, starts_at, ends_at, published) VALUES ($1, $2, $3, $4, $5, false) RETURNING id`,
		sh.LocationID, sh.EmployeeID, sh.Role, sh.StartsAt, sh.EndsAt).Scan(&sh.ID)
}

// Publish marks the week published and texts everybody their shifts.
func (s *Service) Publish(ctx context.Context, locationID int64, weekStart time.Time) (int, error) {
	shifts, err := s.Week(ctx, locationID, weekStart)
	if err != nil {
		return 0, err
	}
	if _, err := s.db.ExecContext(ctx,
		`UPDATE shifts SET published = true WHERE location_id = $1 AND starts_at >= $2 AND starts_at < $3`,
		locationID, weekStart, weekStart.AddDate(0, 0, 7)); err != nil {
		return 0, err
	}
	per := map[int64][]models.Shift{}
	for _, sh := range shifts {
		per[sh.EmployeeID] = append(per[sh.EmployeeID], sh)
	}
	for empID, list := range per {
		emp, err := s.employees.Get(ctx, empID)
		if err != nil || emp.Phone == "" {
			continue
		}
		body := fmt.Sprintf("Hi %s, your shifts for the week of %s:", emp.FirstName, weekStart.Format("Jan 2"))
		for _, sh := range list {
			body += fmt.Sprintf("\n%s %s-%s", sh.StartsAt.Format("Mon"), sh.StartsAt.Format("3:04pm"), sh.EndsAt.Format("3:04pm"))
		}
		_ = s.notify.Send(ctx, notify.SMS(emp.Phone, body))
	}
	return len(shifts), nil
}

// OnShift returns the published shifts covering t at a location.
func (s *Service) OnShift(ctx context.Context, locationID int64, t time.Time, role models.Role) ([]models.Shift, error) {
	all, err := s.between(ctx, `location_id = $1`, locationID, t, t.Add(time.Second))
	if err != nil {
		return nil, err
	}
	var out []models.Shift
	for _, sh := range all {
		if sh.Published && (role == "" || sh.Role == role) {
			out = append(out, sh)
		}
	}
	return out, nil
}

// ScheduledAround finds the employee's shift starting near t (for clock-in).
func (s *Service) ScheduledAround(ctx context.Context, employeeID int64, t time.Time, slack time.Duration) (*models.Shift, error) {
	list, err := s.between(ctx, `employee_id = $1`, employeeID, t.Add(-slack), t.Add(slack))
	if err != nil {
		return nil, err
	}
	for _, sh := range list {
		if sh.Published {
			return &sh, nil
		}
	}
	return nil, nil
}
