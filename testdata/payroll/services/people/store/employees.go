// Package store persists employees, departments and compensation.
// Tables: employees, departments, compensation.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
)

// Store is the people database gateway.
type Store struct {
	db *sql.DB
}

// New builds a Store.
func New(pool *sql.DB) *Store { return &Store{db: pool} }

// DB exposes the pool for transactional callers.
func (s *Store) DB() *sql.DB { return s.db }

const employeeCols = `id, tenant_id, employee_number, first_name, last_name, email,
	COALESCE(department_id, ''), COALESCE(manager_id, ''), title, employment_type, status,
	work_state, hire_date, terminated_at, created_at`

func scanEmployee(row interface{ Scan(...any) error }) (models.Employee, error) {
	var e models.Employee
	var term sql.NullTime
	err := row.Scan(&e.ID, &e.TenantID, &e.EmployeeNumber, &e.FirstName, &e.LastName, &e.Email,
		&e.DepartmentID, &e.ManagerID, &e.Title, &e.Type, &e.Status,
		&e.WorkState, &e.HireDate, &term, &e.CreatedAt)
	e.TerminatedAt = db.TimePtr(term)
	return e, err
}

// GetEmployee loads one employee.
func (s *Store) GetEmployee(ctx context.Context, tenantID, id string) (models.Employee, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+employeeCols+` FROM employees WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	e, err := scanEmployee(row)
	if err != nil {
		return models.Employee{}, db.NotFound(err, "employee", id)
	}
	return e, nil
}

// Filter narrows ListEmployees.
type Filter struct {
	Status       models.EmploymentStatus
	DepartmentID string
	IDs          []string
	ManagerID    string
	Limit        int
	AfterID      string
}

// ListEmployees returns employees ordered by id.
func (s *Store) ListEmployees(ctx context.Context, tenantID string, f Filter) ([]models.Employee, error) {
	where := []string{"tenant_id = $1"}
	args := []any{tenantID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Status != "" {
		add("status = $%d", f.Status)
	}
	if f.DepartmentID != "" {
		add("department_id = $%d", f.DepartmentID)
	}
	if f.ManagerID != "" {
		add("manager_id = $%d", f.ManagerID)
	}
	if f.AfterID != "" {
		add("id > $%d", f.AfterID)
	}
	if len(f.IDs) > 0 {
		ph := db.Placeholders(len(args)+1, len(f.IDs))
		for _, id := range f.IDs {
			args = append(args, id)
		}
		where = append(where, "id IN ("+ph+")")
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	q := `SELECT ` + employeeCols + ` FROM employees WHERE ` + strings.Join(where, " AND ") +
		fmt.Sprintf(` ORDER BY id LIMIT %d`, limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list employees")
	}
	defer rows.Close()
	var out []models.Employee
	for rows.Next() {
		e, err := scanEmployee(rows)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "scan employee")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// InsertEmployee creates an employee inside tx.
func (s *Store) InsertEmployee(ctx context.Context, q db.Querier, e models.Employee) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO employees (id, tenant_id, employee_number, first_name, last_name, email,
			department_id, manager_id, title, employment_type, status, work_state, hire_date, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), NULLIF($8, ''), $9, $10, $11, $12, $13, $14)`,
		e.ID, e.TenantID, e.EmployeeNumber, e.FirstName, e.LastName, e.Email,
		e.DepartmentID, e.ManagerID, e.Title, e.Type, e.Status, e.WorkState, e.HireDate, time.Now().UTC())
	if err != nil && strings.Contains(err.Error(), "employees_email_key") {
		return errs.E(errs.Conflict, "email %s already in use", e.Email)
	}
	return errs.Wrap(err, errs.Internal, "insert employee")
}

// SetStatus changes an employee's status, recording the termination date if any.
func (s *Store) SetStatus(ctx context.Context, q db.Querier, tenantID, id string, st models.EmploymentStatus, at *time.Time) error {
	res, err := q.ExecContext(ctx,
		`UPDATE employees SET status = $3, terminated_at = $4 WHERE tenant_id = $1 AND id = $2`,
		tenantID, id, st, db.NullTime(at))
	if err != nil {
		return errs.Wrap(err, errs.Internal, "update employee status")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "employee %s not found", id)
	}
	return nil
}

// Reassign moves direct reports from one manager to another.
func (s *Store) Reassign(ctx context.Context, q db.Querier, tenantID, fromManager, toManager string) (int64, error) {
	res, err := q.ExecContext(ctx,
		`UPDATE employees SET manager_id = NULLIF($3, '') WHERE tenant_id = $1 AND manager_id = $2 AND status <> 'terminated'`,
		tenantID, fromManager, toManager)
	if err != nil {
		return 0, errs.Wrap(err, errs.Internal, "reassign reports")
	}
	return res.RowsAffected()
}

// CountActive counts employees on payroll.
func (s *Store) CountActive(ctx context.Context, tenantID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT count(*) FROM employees WHERE tenant_id = $1 AND status IN ('active', 'on_leave')`, tenantID).Scan(&n)
	return n, errs.Wrap(err, errs.Internal, "count employees")
}

// NextEmployeeNumber allocates a tenant-scoped employee number.
func (s *Store) NextEmployeeNumber(ctx context.Context, q db.Querier, tenantID string) (string, error) {
	var n int
	err := q.QueryRowContext(ctx,
		`UPDATE tenant_counters SET employee_seq = employee_seq + 1 WHERE tenant_id = $1 RETURNING employee_seq`,
		tenantID).Scan(&n)
	if err != nil {
		return "", errs.Wrap(err, errs.Internal, "allocate employee number")
	}
	return fmt.Sprintf("E%05d", n), nil
}
