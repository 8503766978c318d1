// Package postgres is the crew store.
package postgres

import (
	"context"
	"database/sql"
	"time"

	"skyhop.aero/backend/pkg/crew/domain"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

func (s *Store) Member(ctx context.Context, employeeID string) (domain.Member, []domain.Qualification, error) {
	var m domain.Member
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, `
		SELECT employee_id, name, rank, base, email, active FROM crew_members WHERE employee_id = $1`,
		employeeID).Scan(&m.EmployeeID, &m.Name, &m.Rank, &m.Base, &m.Email, &m.Active)
	if db.NotFound(err) {
		return m, nil, errs.NotFound("crew.member", "crew member %s", employeeID)
	}
	if err != nil {
		return m, nil, err
	}
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT employee_id, aircraft_type, valid_until FROM crew_qualifications WHERE employee_id = $1`, employeeID)
	if err != nil {
		return m, nil, err
	}
	defer rows.Close()
	var qs []domain.Qualification
	for rows.Next() {
		var q domain.Qualification
		if err := rows.Scan(&q.EmployeeID, &q.AircraftType, &q.ValidUntil); err != nil {
			return m, nil, err
		}
		qs = append(qs, q)
	}
	return m, qs, rows.Err()
}

// FlightTimes reads the times and type of a flight straight from the
// schedule tables; crew planning predates the schedule service API.
func (s *Store) FlightTimes(ctx context.Context, flightID int64) (std, sta time.Time, aircraft string, err error) {
	err = db.Q(ctx, s.DB).QueryRowContext(ctx, `
		SELECT coalesce(f.etd, f.std), f.sta + (coalesce(f.etd, f.std) - f.std), f.aircraft_type
		FROM flights f WHERE f.id = $1 AND f.status <> 'CANCELLED'`, flightID).Scan(&std, &sta, &aircraft)
	if db.NotFound(err) {
		err = errs.NotFound("crew.flight", "flight %d not found or cancelled", flightID)
	}
	return
}

const assignmentCols = `id, employee_id, flight_id, rank, report_at, release_at, block_start, block_end, published`

func scanAssignments(rows *sql.Rows) ([]domain.Assignment, error) {
	defer rows.Close()
	var out []domain.Assignment
	for rows.Next() {
		var a domain.Assignment
		if err := rows.Scan(&a.ID, &a.EmployeeID, &a.FlightID, &a.Rank, &a.ReportAt, &a.ReleaseAt,
			&a.BlockStart, &a.BlockEnd, &a.Published); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AssignmentsBetween returns a member's assignments in a window.
func (s *Store) AssignmentsBetween(ctx context.Context, employeeID string, from, to time.Time) ([]domain.Assignment, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `SELECT `+assignmentCols+` FROM roster_assignments
		WHERE employee_id = $1 AND block_end >= $2 AND block_start <= $3 ORDER BY report_at`, employeeID, from, to)
	if err != nil {
		return nil, err
	}
	return scanAssignments(rows)
}

func (s *Store) ForFlight(ctx context.Context, flightID int64) ([]domain.Assignment, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `SELECT `+assignmentCols+` FROM roster_assignments
		WHERE flight_id = $1 ORDER BY rank`, flightID)
	if err != nil {
		return nil, err
	}
	return scanAssignments(rows)
}

// CrewOnFlight lists crew names for the ops view.
func (s *Store) CrewOnFlight(ctx context.Context, flightID int64) ([]models.CrewOnFlight, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT m.employee_id, m.name, a.rank FROM roster_assignments a
		JOIN crew_members m ON m.employee_id = a.employee_id
		WHERE a.flight_id = $1 ORDER BY a.rank, m.name`, flightID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.CrewOnFlight
	for rows.Next() {
		var c models.CrewOnFlight
		if err := rows.Scan(&c.EmployeeID, &c.Name, &c.Rank); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) Insert(ctx context.Context, a *domain.Assignment) error {
	return db.Q(ctx, s.DB).QueryRowContext(ctx, `
		INSERT INTO roster_assignments (employee_id, flight_id, rank, report_at, release_at, block_start, block_end, published)
		VALUES ($1,$2,$3,$4,$5,$6,$7,false) RETURNING id`,
		a.EmployeeID, a.FlightID, a.Rank, a.ReportAt, a.ReleaseAt, a.BlockStart, a.BlockEnd).Scan(&a.ID)
}

func (s *Store) Delete(ctx context.Context, id int64) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `DELETE FROM roster_assignments WHERE id = $1`, id)
	return err
}

// ReleaseFlight removes all assignments of a flight and returns the affected
// employee ids so they can be told.
func (s *Store) ReleaseFlight(ctx context.Context, flightID int64) ([]string, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx,
		`DELETE FROM roster_assignments WHERE flight_id = $1 RETURNING employee_id`, flightID)
	if err != nil {
		return nil, err
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

// Publish marks all unpublished assignments in the window as published and
// returns the distinct crew affected.
func (s *Store) Publish(ctx context.Context, from, to time.Time) ([]domain.Member, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		WITH upd AS (
			UPDATE roster_assignments SET published = true, published_at = now()
			WHERE NOT published AND report_at >= $1 AND report_at < $2
			RETURNING employee_id)
		SELECT DISTINCT m.employee_id, m.name, m.rank, m.base, m.email, m.active
		FROM upd JOIN crew_members m ON m.employee_id = upd.employee_id`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Member
	for rows.Next() {
		var m domain.Member
		if err := rows.Scan(&m.EmployeeID, &m.Name, &m.Rank, &m.Base, &m.Email, &m.Active); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
