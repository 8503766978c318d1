// Package roster is the driver register: who works for us, since when,
// at which depot, and whether they may currently drive.
package roster

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
)

// Status of an employee.
type Status string

const (
	Active    Status = "active"
	Suspended Status = "suspended"
	Left      Status = "left"
)

// Driver is an employee who drives.
type Driver struct {
	ID         string    `json:"id"`
	EmployeeNo string    `json:"employee_no"`
	FirstName  string    `json:"first_name"`
	LastName   string    `json:"last_name"`
	Email      string    `json:"email"`
	HomeDepot  string    `json:"home_depot"`
	Status     Status    `json:"status"`
	Agency     bool      `json:"agency"` // agency staff, not on payroll
	HiredAt    time.Time `json:"hired_at"`
	Note       string    `json:"note,omitempty"`
}

// Name is "First Last".
func (d Driver) Name() string { return strings.TrimSpace(d.FirstName + " " + d.LastName) }

// Ref is the cross-module handle.
func (d Driver) Ref() entities.DriverRef { return entities.DriverRef{ID: d.ID, Name: d.Name()} }

// CanWork reports whether the driver may be scheduled at all.
func (d Driver) CanWork() bool { return d.Status == Active }

// Store is the drivers table.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

const driverCols = `id, employee_no, first_name, last_name, email, home_depot, status, agency, hired_at, note`

func scanDriver(row interface{ Scan(...any) error }) (Driver, error) {
	var (
		d           Driver
		email, note sql.NullString
	)
	err := row.Scan(&d.ID, &d.EmployeeNo, &d.FirstName, &d.LastName, &email, &d.HomeDepot, &d.Status, &d.Agency,
		&d.HiredAt, &note)
	d.Email, d.Note = email.String, note.String
	return d, err
}

// Get loads a driver by id.
func (s *Store) Get(ctx context.Context, id string) (Driver, error) {
	d, err := scanDriver(s.db.QueryRowContext(ctx, `SELECT `+driverCols+` FROM drivers WHERE id = $1`, id))
	if err != nil {
		return d, dbx.NotFoundOr(err, "roster.Get", "driver", id)
	}
	return d, nil
}

// List returns drivers with a status at a depot ("" for any).
func (s *Store) List(ctx context.Context, st Status, depot string) ([]Driver, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+driverCols+` FROM drivers
		WHERE ($1 = '' OR status = $1) AND ($2 = '' OR home_depot = $2)
		ORDER BY last_name, first_name`, string(st), depot)
	if err != nil {
		return nil, errs.Wrap("roster.List", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (Driver, error) { return scanDriver(r) })
}

func (s *Store) insert(ctx context.Context, d Driver) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO drivers (`+driverCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		d.ID, d.EmployeeNo, d.FirstName, d.LastName, dbx.NullString(d.Email), d.HomeDepot, d.Status, d.Agency,
		d.HiredAt, dbx.NullString(d.Note))
	if err != nil && strings.Contains(err.Error(), "drivers_employee_no_key") {
		return errs.Conflict("roster.insert", "employee %s already exists", d.EmployeeNo)
	}
	return errs.Wrap("roster.insert", err)
}

func (s *Store) setStatus(ctx context.Context, id string, st Status, note string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE drivers SET status = $1, note = $2 WHERE id = $3`,
		st, dbx.NullString(note), id)
	if err != nil {
		return errs.Wrap("roster.setStatus", err)
	}
	return dbx.MustAffect(res, "roster.setStatus", "driver", id)
}
