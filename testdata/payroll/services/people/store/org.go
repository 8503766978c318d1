package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
)

// ListDepartments returns all departments of a tenant.
func (s *Store) ListDepartments(ctx context.Context, tenantID string) ([]models.Department, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, tenant_id, name, COALESCE(parent_id, ''), COALESCE(head_id, ''), cost_code
		FROM departments WHERE tenant_id = $1 ORDER BY name`, tenantID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list departments")
	}
	defer rows.Close()
	var out []models.Department
	for rows.Next() {
		var d models.Department
		if err := rows.Scan(&d.ID, &d.TenantID, &d.Name, &d.ParentID, &d.HeadID, &d.CostCode); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CurrentCompensation returns the compensation effective at asOf for each employee.
func (s *Store) CurrentCompensation(ctx context.Context, tenantID string, employeeIDs []string, asOf time.Time) ([]models.Compensation, error) {
	if len(employeeIDs) == 0 {
		return nil, nil
	}
	args := []any{tenantID, asOf}
	for _, id := range employeeIDs {
		args = append(args, id)
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT DISTINCT ON (employee_id) employee_id, basis, annual_salary_cents, hourly_rate_cents,
			currency, pay_frequency, filing_status, allowances, effective_from
		FROM compensation
		WHERE tenant_id = $1 AND effective_from <= $2 AND employee_id IN (`+db.Placeholders(3, len(employeeIDs))+`)
		ORDER BY employee_id, effective_from DESC`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "load compensation")
	}
	defer rows.Close()
	var out []models.Compensation
	for rows.Next() {
		var c models.Compensation
		var salary, hourly int64
		var cur string
		if err := rows.Scan(&c.EmployeeID, &c.Basis, &salary, &hourly, &cur, &c.Frequency,
			&c.FilingStatus, &c.Allowances, &c.EffectiveFrom); err != nil {
			return nil, err
		}
		c.AnnualSalary = money.New(salary, cur)
		c.HourlyRate = money.New(hourly, cur)
		out = append(out, c)
	}
	return out, rows.Err()
}

// InsertCompensation records a new compensation row.
func (s *Store) InsertCompensation(ctx context.Context, q db.Querier, tenantID string, c models.Compensation) error {
	if c.Frequency == "" {
		c.Frequency = dates.Biweekly
	}
	_, err := q.ExecContext(ctx, `
		INSERT INTO compensation (tenant_id, employee_id, basis, annual_salary_cents, hourly_rate_cents,
			currency, pay_frequency, filing_status, allowances, effective_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		tenantID, c.EmployeeID, c.Basis, c.AnnualSalary.Cents, c.HourlyRate.Cents,
		c.AnnualSalary.Currency, c.Frequency, c.FilingStatus, c.Allowances, c.EffectiveFrom)
	return errs.Wrap(err, errs.Internal, "insert compensation")
}

// WithTx exposes db.WithTx over the store's pool.
func (s *Store) WithTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.WithTx(ctx, s.db, fn)
}
