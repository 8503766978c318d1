// Package deductions gathers what must be taken out of, or added to, each
// employee's pay: benefit premiums, garnishments and expense reimbursements.
package deductions

import (
	"context"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/proto/benefitspb"
	"github.com/ledgerly/people/services/expenses"
	"github.com/ledgerly/people/services/payroll/calc"
	"github.com/ledgerly/people/services/payroll/store"
)

// Set is the per-employee collection of lines.
type Set struct {
	PreTax         []calc.Line
	PostTax        []calc.Line
	Reimbursements []calc.Line
	ExpenseIDs     []string
	EmployerCost   money.Money
}

// Collector gathers deductions from the owning services.
type Collector struct {
	benefits benefitspb.BenefitsServiceClient
	expenses *expenses.Service
	store    *store.Store
}

// New builds a Collector.
func New(b benefitspb.BenefitsServiceClient, e *expenses.Service, s *store.Store) *Collector {
	return &Collector{benefits: b, expenses: e, store: s}
}

// Collect returns the deduction sets keyed by employee.
func (c *Collector) Collect(ctx context.Context, tenantID string, employeeIDs []string, payDate dates.Date, periodsPerYear int, currency string) (map[string]*Set, error) {
	out := make(map[string]*Set, len(employeeIDs))
	get := func(id string) *Set {
		s, ok := out[id]
		if !ok {
			s = &Set{EmployerCost: money.Zero(currency)}
			out[id] = s
		}
		return s
	}

	ben, err := c.benefits.GetPayrollDeductions(ctx, &benefitspb.GetPayrollDeductionsRequest{
		EmployeeIds: employeeIDs, PayDate: payDate.String(), PeriodsPerYear: int32(periodsPerYear),
	})
	if err != nil {
		return nil, err
	}
	for _, d := range ben.Deductions {
		s := get(d.EmployeeId)
		line := calc.Line{Code: d.Code, Label: d.Label, Amount: money.New(d.EmployeeAmountCents, currency)}
		if d.PreTax {
			s.PreTax = append(s.PreTax, line)
		} else {
			s.PostTax = append(s.PostTax, line)
		}
		s.EmployerCost = s.EmployerCost.Add(money.New(d.EmployerAmountCents, currency))
	}

	garn, err := c.store.ActiveGarnishments(ctx, tenantID, employeeIDs)
	if err != nil {
		return nil, err
	}
	for _, g := range garn {
		amt := money.New(g.FixedCents, currency)
		if g.Percent > 0 {
			// Percentage garnishments are resolved by calc against net pay;
			// we cap them at the remaining balance here.
			amt = money.New(g.RemainingCents, currency)
		}
		amt = amt.Min(money.New(g.RemainingCents, currency))
		get(g.EmployeeID).PostTax = append(get(g.EmployeeID).PostTax, calc.Line{Code: "GARN_" + g.Kind, Label: "Garnishment", Amount: amt})
	}

	reports, err := c.expenses.ApprovedUnpaid(ctx, tenantID, employeeIDs)
	if err != nil {
		return nil, err
	}
	for _, r := range reports {
		if r.Total.Currency != currency {
			continue
		}
		s := get(r.EmployeeID)
		s.Reimbursements = append(s.Reimbursements, calc.Line{Code: "EXP", Label: "Expense: " + r.Title, Amount: r.Total})
		s.ExpenseIDs = append(s.ExpenseIDs, r.ID)
	}
	return out, nil
}
