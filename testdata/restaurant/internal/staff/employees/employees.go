// Package employees is the staff directory: people, roles, pay rates and
// POS PINs.
package employees

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/models"
)

// Service manages employees.
type Service struct {
	db *sql.DB
}

// NewService returns a Service.
func NewService(conn *sql.DB) *Service { return &Service{db: conn} }

const cols = `id, location_id, first_name, last_name, role, hourly_rate, phone, email, pin_hash, active`

func scan(row interface{ Scan(...any) error }) (*models.Employee, error) {
	var e models.Employee
	err := row.Scan(&e.ID, &e.LocationID, &e.FirstName, &e.LastName, &e.Role, &e.HourlyRate, &e.Phone, &e.Email, &e.PINHash, &e.Active)
	return &e, err
}

// Get returns one employee.
func (s *Service) Get(ctx context.Context, id int64) (*models.Employee, error) {
	e, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM employees WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("employee %d not found", id)
	}
	return e, err
}

// AtLocation lists active employees of a location.
func (s *Service) AtLocation(ctx context.Context, locationID int64) ([]models.Employee, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT `+cols+` FROM employees WHERE location_id = $1 AND active ORDER BY last_name, first_name`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Employee
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// Hire creates an employee.
func (s *Service) Hire(ctx context.Context, e *models.Employee, pin string) error {
	if strings.TrimSpace(e.FirstName) == "" || e.LocationID == 0 {
		return errs.Invalid("first name and location are required")
	}
	if len(pin) < 4 {
		return errs.Invalid("PIN must be at least 4 digits")
	}
	e.PINHash = hashPIN(e.LocationID, pin)
	var taken bool
	if err := s.db.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM employees WHERE location_id = $1 AND pin_hash = $2 AND active)`,
		e.LocationID, e.PINHash).Scan(&taken); err != nil {
		return err
	}
	if taken {
		return errs.Conflict("PIN already in use at this location")
	}
	return s.db.QueryRowContext(ctx,
		`INSERT INTO employees (location_id, first_name, last_name, role, hourly_rate, phone, email, pin_hash, active, hired_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, now()) RETURNING id`,
		e.LocationID, e.FirstName, e.LastName, e.Role, e.HourlyRate, e.Phone, e.Email, e.PINHash).Scan(&e.ID)
}

// Terminate deactivates an employee.
func (s *Service) Terminate(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE employees SET active = false, terminated_at = now() WHERE id = $1`, id)
	return err
}

// ByPIN identifies who is at the terminal.
func (s *Service) ByPIN(ctx context.Context, locationID int64, pin string) (*models.Employee, error) {
	e, err := scan(s.db.QueryRowContext(ctx,
		`SELECT `+cols+` FROM employees WHERE location_id = $1 AND pin_hash = $2 AND active`,
		locationID, hashPIN(locationID, pin)))
	if db.IsNoRows(err) {
		return nil, errs.Forbidden("unknown PIN")
	}
	return e, err
}

// RequireManager returns an error unless id is an active manager.
func (s *Service) RequireManager(ctx context.Context, id int64) error {
	e, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if !e.Active || e.Role != models.RoleManager {
		return errs.Forbidden("manager approval required")
	}
	return nil
}

func hashPIN(locationID int64, pin string) string {
	sum := sha256.Sum256([]byte(strings.Repeat("tc", int(locationID%7)+1) + pin))
	return hex.EncodeToString(sum[:])
}
