// Package store persists benefit plans and enrollments.
// Tables: benefit_plans, benefit_enrollments.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
)

// Plan is a benefit plan offered by a tenant.
type Plan struct {
	ID                string
	TenantID          string
	Name              string
	Kind              string // medical, dental, vision, 401k, fsa
	Carrier           string
	PreTax            bool
	MonthlyCost       money.Money
	EmployerSharePct  int
	WaitingPeriodDays int
	Active            bool
}

// CoverageMultiplier scales the monthly cost by coverage level.
var CoverageMultiplier = map[string]float64{"employee": 1, "employee_spouse": 2.1, "employee_children": 1.9, "family": 3.0}

// Store is the benefits database gateway.
type Store struct{ db *sql.DB }

// New builds a Store.
func New(pool *sql.DB) *Store { return &Store{db: pool} }

// ListPlans returns active plans, optionally of one kind.
func (s *Store) ListPlans(ctx context.Context, tenantID, kind string) ([]Plan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, tenant_id, name, kind, carrier, pre_tax, monthly_cost_cents, currency,
		employer_share_pct, waiting_period_days, active
		FROM benefit_plans WHERE tenant_id = $1 AND active AND ($2 = '' OR kind = $2) ORDER BY kind, name`, tenantID, kind)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list plans")
	}
	defer rows.Close()
	var out []Plan
	for rows.Next() {
		var p Plan
		var cents int64
		var cur string
		if err := rows.Scan(&p.ID, &p.TenantID, &p.Name, &p.Kind, &p.Carrier, &p.PreTax, &cents, &cur,
			&p.EmployerSharePct, &p.WaitingPeriodDays, &p.Active); err != nil {
			return nil, err
		}
		p.MonthlyCost = money.New(cents, cur)
		out = append(out, p)
	}
	return out, rows.Err()
}

// GetPlan loads one plan.
func (s *Store) GetPlan(ctx context.Context, tenantID, id string) (Plan, error) {
	plans, err := s.ListPlans(ctx, tenantID, "")
	if err != nil {
		return Plan{}, err
	}
	for _, p := range plans {
		if p.ID == id {
			return p, nil
		}
	}
	return Plan{}, errs.E(errs.NotFound, "plan %s not found", id)
}

// InsertEnrollment stores a new enrollment, ending any existing one of the same kind.
func (s *Store) InsertEnrollment(ctx context.Context, tenantID string, kind string, e models.BenefitEnrollment) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE benefit_enrollments SET ends_on = $3
			WHERE tenant_id = $1 AND employee_id = $2 AND ends_on IS NULL
			AND plan_id IN (SELECT id FROM benefit_plans WHERE kind = $4)`,
			tenantID, e.EmployeeID, e.StartsOn.AddDate(0, 0, -1), kind); err != nil {
			return errs.Wrap(err, errs.Internal, "end previous enrollment")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO benefit_enrollments (id, tenant_id, employee_id, plan_id, coverage_level,
			employee_cost_cents, employer_cost_cents, currency, pre_tax, starts_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			e.ID, tenantID, e.EmployeeID, e.PlanID, e.CoverageLevel, e.EmployeeCost.Cents, e.EmployerCost.Cents,
			e.EmployeeCost.Currency, e.PreTax, e.StartsOn)
		return errs.Wrap(err, errs.Internal, "insert enrollment")
	})
}

// EndAllForEmployee ends every open enrollment of an employee.
func (s *Store) EndAllForEmployee(ctx context.Context, tenantID, employeeID string, endsOn time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE benefit_enrollments SET ends_on = $3
		WHERE tenant_id = $1 AND employee_id = $2 AND (ends_on IS NULL OR ends_on > $3)`, tenantID, employeeID, endsOn)
	if err != nil {
		return 0, errs.Wrap(err, errs.Internal, "end enrollments")
	}
	return res.RowsAffected()
}

// ActiveOn returns enrollments active on day for the given employees.
func (s *Store) ActiveOn(ctx context.Context, tenantID string, employeeIDs []string, day time.Time) ([]models.BenefitEnrollment, error) {
	if len(employeeIDs) == 0 {
		return nil, nil
	}
	args := []any{tenantID, day}
	for _, id := range employeeIDs {
		args = append(args, id)
	}
	return s.enrollments(ctx, `tenant_id = $1 AND starts_on <= $2 AND (ends_on IS NULL OR ends_on >= $2)
		AND employee_id IN (`+db.Placeholders(3, len(employeeIDs))+`)`, args...)
}

func (s *Store) enrollments(ctx context.Context, where string, args ...any) ([]models.BenefitEnrollment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, employee_id, plan_id, coverage_level, employee_cost_cents,
		employer_cost_cents, currency, pre_tax, starts_on, ends_on FROM benefit_enrollments WHERE `+where, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "list enrollments")
	}
	defer rows.Close()
	var out []models.BenefitEnrollment
	for rows.Next() {
		var e models.BenefitEnrollment
		var ec, rc int64
		var cur string
		var ends sql.NullTime
		if err := rows.Scan(&e.ID, &e.EmployeeID, &e.PlanID, &e.CoverageLevel, &ec, &rc, &cur, &e.PreTax, &e.StartsOn, &ends); err != nil {
			return nil, err
		}
		e.EmployeeCost, e.EmployerCost = money.New(ec, cur), money.New(rc, cur)
		e.EndsOn = db.TimePtr(ends)
		out = append(out, e)
	}
	return out, rows.Err()
}
