// Package calc turns compensation, hours and deductions into a payslip.
package calc

import (
	"context"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
)

// OvertimeMultiplier is time-and-a-half.
const OvertimeMultiplier = 1.5

// StandardHoursPerYear is used to derive an hourly equivalent for salaried staff.
const StandardHoursPerYear = 2080.0

// Line is a deduction or reimbursement to put on the payslip.
type Line struct {
	Code   string
	Label  string
	Amount money.Money
}

// Input is everything needed to pay one employee for one period.
type Input struct {
	EmployeeID       string
	WorkState        string
	Comp             models.Compensation
	Period           dates.Period
	PayDate          dates.Date
	RegularHours     float64
	OvertimeHours    float64
	UnpaidLeaveHours float64
	PreTax           []Line
	PostTax          []Line
	Reimbursements   []Line
	YTDGross         money.Money
}

// TaxInput is what the tax engine needs.
type TaxInput struct {
	EmployeeID     string
	WorkState      string
	FilingStatus   string
	Allowances     int
	Gross          money.Money
	PreTax         money.Money
	YTDGross       money.Money
	PeriodsPerYear int
	PayDate        dates.Date
}

// TaxLine is a computed tax.
type TaxLine struct {
	Code         string
	Label        string
	Jurisdiction string
	Amount       money.Money
	EmployerPaid bool
}

// TaxCalculator computes withholding.
type TaxCalculator interface {
	Withhold(ctx context.Context, in TaxInput) ([]TaxLine, error)
}

// Result is a payslip plus the tax detail needed for the ledger.
type Result struct {
	Payslip models.Payslip
	Taxes   []TaxLine
}

// Calculator computes payslips.
type Calculator struct {
	tax TaxCalculator
}

// New builds a Calculator.
func New(tax TaxCalculator) *Calculator { return &Calculator{tax: tax} }

// Gross computes the earnings lines for in.
func Gross(in Input) ([]models.PayItem, money.Money, error) {
	cur := in.Comp.AnnualSalary.Currency
	if cur == "" {
		cur = in.Comp.HourlyRate.Currency
	}
	var items []models.PayItem
	switch in.Comp.Basis {
	case models.Salaried:
		ppy := in.Comp.Frequency.PeriodsPerYear()
		base := money.New(in.Comp.AnnualSalary.Cents/int64(ppy), cur)
		items = append(items, models.PayItem{Kind: models.ItemEarning, Code: "SALARY", Label: "Salary", Amount: base})
		if in.UnpaidLeaveHours > 0 {
			hourly := in.Comp.AnnualSalary.Mul(1 / StandardHoursPerYear)
			dock := hourly.Mul(in.UnpaidLeaveHours).Min(base)
			items = append(items, models.PayItem{Kind: models.ItemEarning, Code: "UNPAID", Label: "Unpaid leave",
				Hours: -in.UnpaidLeaveHours, Amount: dock.Neg()})
		}
		if in.OvertimeHours > 0 && in.Comp.AnnualSalary.Cents < 6_840_000 {
			// Non-exempt salaried staff still earn overtime.
			hourly := in.Comp.AnnualSalary.Mul(1 / StandardHoursPerYear)
			items = append(items, models.PayItem{Kind: models.ItemEarning, Code: "OT", Label: "Overtime",
				Hours: in.OvertimeHours, Amount: hourly.Mul(in.OvertimeHours * OvertimeMultiplier)})
		}
	case models.Hourly:
		if in.RegularHours > 0 {
			items = append(items, models.PayItem{Kind: models.ItemEarning, Code: "REG", Label: "Regular hours",
				Hours: in.RegularHours, Amount: in.Comp.HourlyRate.Mul(in.RegularHours)})
		}
		if in.OvertimeHours > 0 {
			items = append(items, models.PayItem{Kind: models.ItemEarning, Code: "OT", Label: "Overtime",
				Hours: in.OvertimeHours, Amount: in.Comp.HourlyRate.Mul(in.OvertimeHours * OvertimeMultiplier)})
		}
	default:
		return nil, money.Money{}, errs.E(errs.InvalidArgument, "employee %s has unknown pay basis %q", in.EmployeeID, in.Comp.Basis)
	}
	gross := money.Zero(cur)
	for _, it := range items {
		gross = gross.Add(it.Amount)
	}
	return items, gross, nil
}

// Calculate produces the payslip for one employee.
func (c *Calculator) Calculate(ctx context.Context, runID string, in Input) (Result, error) {
	items, gross, err := Gross(in)
	if err != nil {
		return Result{}, err
	}
	cur := gross.Currency
	preTax := money.Zero(cur)
	for _, d := range in.PreTax {
		preTax = preTax.Add(d.Amount)
		items = append(items, models.PayItem{Kind: models.ItemDeduction, Code: d.Code, Label: d.Label, Amount: d.Amount.Neg()})
	}
	taxes, err := c.tax.Withhold(ctx, TaxInput{
		EmployeeID: in.EmployeeID, WorkState: in.WorkState,
		FilingStatus: in.Comp.FilingStatus, Allowances: in.Comp.Allowances,
		Gross: gross, PreTax: preTax, YTDGross: in.YTDGross,
		PeriodsPerYear: in.Comp.Frequency.PeriodsPerYear(), PayDate: in.PayDate,
	})
	if err != nil {
		return Result{}, errs.Wrap(err, errs.CodeOf(err), "withholding for "+in.EmployeeID)
	}
	net := gross.Sub(preTax)
	for _, t := range taxes {
		if t.EmployerPaid {
			items = append(items, models.PayItem{Kind: models.ItemEmployerTax, Code: t.Code, Label: t.Label, Amount: t.Amount})
			continue
		}
		net = net.Sub(t.Amount)
		items = append(items, models.PayItem{Kind: models.ItemTax, Code: t.Code, Label: t.Label, Amount: t.Amount.Neg()})
	}
	for _, d := range in.PostTax {
		amt := d.Amount.Min(net.Max(money.Zero(cur)))
		net = net.Sub(amt)
		items = append(items, models.PayItem{Kind: models.ItemDeduction, Code: d.Code, Label: d.Label, Amount: amt.Neg()})
	}
	for _, r := range in.Reimbursements {
		net = net.Add(r.Amount)
		items = append(items, models.PayItem{Kind: models.ItemReimbursement, Code: r.Code, Label: r.Label, Amount: r.Amount})
	}
	if net.Cents < 0 {
		return Result{}, errs.E(errs.FailedPrecondition, "negative net pay for %s: %s", in.EmployeeID, net)
	}
	return Result{
		Payslip: models.Payslip{ID: db.NewID("slip"), RunID: runID, EmployeeID: in.EmployeeID, Gross: gross, Net: net, Items: items},
		Taxes:   taxes,
	}, nil
}
