package runner

import (
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/proto/peoplepb"
)

// RunToProto converts a run to its wire form.
func RunToProto(r models.PayRun) *payrollpb.PayRun {
	return &payrollpb.PayRun{
		Id: r.ID, ScheduleId: r.ScheduleID, PeriodStart: r.Period.Start.String(), PeriodEnd: r.Period.End.String(),
		PayDate: r.PayDate.String(), Status: string(r.Status), GrossCents: r.GrossTotal.Cents, NetCents: r.NetTotal.Cents,
		TaxCents: r.TaxTotal.Cents, Currency: r.GrossTotal.Currency, Headcount: int32(r.Headcount),
	}
}

// PayslipToProto converts a payslip to its wire form.
func PayslipToProto(p models.Payslip) *payrollpb.Payslip {
	out := &payrollpb.Payslip{Id: p.ID, RunId: p.RunID, EmployeeId: p.EmployeeID, GrossCents: p.Gross.Cents,
		NetCents: p.Net.Cents, Currency: p.Gross.Currency}
	for _, it := range p.Items {
		out.Items = append(out.Items, &payrollpb.PayItem{Kind: string(it.Kind), Code: it.Code, Label: it.Label,
			Hours: it.Hours, AmountCents: it.Amount.Cents})
	}
	return out
}

func compFromProto(c *peoplepb.Compensation) models.Compensation {
	eff, _ := time.Parse("2006-01-02", c.EffectiveFrom)
	cur := c.Currency
	if cur == "" {
		cur = "USD"
	}
	freq := dates.Frequency(c.PayFrequency)
	if freq == "" {
		freq = dates.Biweekly
	}
	return models.Compensation{
		EmployeeID: c.EmployeeId, Basis: models.PayBasis(c.Basis),
		AnnualSalary: money.New(c.AnnualSalaryCents, cur), HourlyRate: money.New(c.HourlyRateCents, cur),
		Frequency: freq, FilingStatus: c.FilingStatus, Allowances: int(c.Allowances), EffectiveFrom: eff,
	}
}
