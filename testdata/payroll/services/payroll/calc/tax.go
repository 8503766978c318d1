package calc

import (
	"context"

	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/proto/taxpb"
	"github.com/ledgerly/people/services/tax/rates"
)

// RPCTax calls TaxService.CalculateWithholding for each employee.
type RPCTax struct {
	Client taxpb.TaxServiceClient
}

// Withhold implements TaxCalculator.
func (t RPCTax) Withhold(ctx context.Context, in TaxInput) ([]TaxLine, error) {
	resp, err := t.Client.CalculateWithholding(ctx, &taxpb.CalculateWithholdingRequest{
		EmployeeId: in.EmployeeID, WorkState: in.WorkState, FilingStatus: in.FilingStatus,
		Allowances: int32(in.Allowances), GrossCents: in.Gross.Cents, PreTaxCents: in.PreTax.Cents,
		YtdGrossCents: in.YTDGross.Cents, PeriodsPerYear: int32(in.PeriodsPerYear), PayDate: in.PayDate.String(),
	})
	if err != nil {
		return nil, err
	}
	out := make([]TaxLine, 0, len(resp.Lines))
	for _, l := range resp.Lines {
		out = append(out, TaxLine{Code: l.Code, Label: l.Label, Jurisdiction: l.Jurisdiction,
			Amount: money.New(l.AmountCents, in.Gross.Currency), EmployerPaid: l.EmployerPaid})
	}
	return out, nil
}

// LocalTax uses the tax tables in-process. Big tenants made a run issue
// thousands of CalculateWithholding calls, so the runner uses this instead.
type LocalTax struct {
	Rates *rates.Repo
}

// Withhold implements TaxCalculator.
func (t LocalTax) Withhold(ctx context.Context, in TaxInput) ([]TaxLine, error) {
	table, err := t.Rates.ForYear(ctx, in.PayDate.Year())
	if err != nil {
		return nil, err
	}
	lines := table.Withhold(rates.Input{
		State: in.WorkState, FilingStatus: in.FilingStatus, Allowances: in.Allowances,
		Gross: in.Gross, PreTax: in.PreTax, YTDGross: in.YTDGross, PeriodsPerYear: in.PeriodsPerYear,
	})
	out := make([]TaxLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, TaxLine{Code: l.Code, Label: l.Label, Jurisdiction: l.Jurisdiction, Amount: l.Amount, EmployerPaid: l.EmployerPaid})
	}
	return out, nil
}
