// Package accrual computes how much paid time off each employee earns.
package accrual

import (
	"context"
	"math"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	leavestore "github.com/ledgerly/people/services/leave/store"
	peoplestore "github.com/ledgerly/people/services/people/store"
)

// Grant is hours earned by one employee for one leave type.
type Grant struct {
	EmployeeID string
	Type       models.LeaveType
	Hours      float64
}

// Engine computes and applies accruals.
type Engine struct {
	leave  *leavestore.Store
	people *peoplestore.Store
}

// New builds an Engine. It reads employees straight from the people store;
// leave predates the PeopleService API.
func New(l *leavestore.Store, p *peoplestore.Store) *Engine {
	return &Engine{leave: l, people: p}
}

// Compute returns the grants for period p without applying them.
func Compute(policies []leavestore.Policy, emps []models.Employee, p dates.Period) []Grant {
	var out []Grant
	yearDays := 365.0
	if isLeap(p.End.Year()) {
		yearDays = 366
	}
	for _, e := range emps {
		if !e.IsActive() || e.Type == models.Contractor {
			continue
		}
		for _, pol := range policies {
			if e.Type == models.PartTime && !pol.AppliesToPartTime {
				continue
			}
			eligibleFrom := dates.Of(e.HireDate).AddDays(pol.WaitingDays)
			if eligibleFrom.After(p.End.Time) {
				continue
			}
			days := p.Overlap(dates.Period{Start: eligibleFrom, End: p.End})
			hours := pol.HoursPerYear * float64(days) / yearDays
			if e.Type == models.PartTime {
				hours /= 2
			}
			hours = math.Round(hours*100) / 100
			if hours > 0 {
				out = append(out, Grant{EmployeeID: e.ID, Type: models.LeaveType(pol.LeaveType), Hours: hours})
			}
		}
	}
	return out
}

// Run accrues leave for tenant over p and returns the number of grants.
func (en *Engine) Run(ctx context.Context, tenantID string, p dates.Period) (int, error) {
	policies, err := en.leave.Policies(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	if len(policies) == 0 {
		return 0, nil
	}
	emps, err := en.people.ListEmployees(ctx, tenantID, peoplestore.Filter{Status: models.StatusActive})
	if err != nil {
		return 0, err
	}
	grants := Compute(policies, emps, p)
	asOf := p.End.Time.Add(23 * time.Hour)
	for _, g := range grants {
		if err := en.leave.AddAccrual(ctx, tenantID, g.EmployeeID, g.Type, g.Hours, asOf); err != nil {
			return 0, err
		}
	}
	log.Info(ctx, "leave accrued", "tenant", tenantID, "grants", len(grants), "period", p.Start.String())
	return len(grants), nil
}

// CloseYear rolls over balances at year end using each policy's cap.
func (en *Engine) CloseYear(ctx context.Context, tenantID string) error {
	policies, err := en.leave.Policies(ctx, tenantID)
	if err != nil {
		return err
	}
	for _, pol := range policies {
		if err := en.leave.CloseYear(ctx, tenantID, models.LeaveType(pol.LeaveType), pol.MaxCarryOver); err != nil {
			return err
		}
	}
	return nil
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
