// Package server implements tax.v1.TaxService and records withholdings when
// pay runs complete.
package server

import (
	"context"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/proto/taxpb"
	"github.com/ledgerly/people/services/tax/filing"
	"github.com/ledgerly/people/services/tax/rates"
	"github.com/ledgerly/people/services/tax/store"
)

// Server implements TaxServiceServer.
type Server struct {
	rates     *rates.Repo
	store     *store.Store
	preparer  *filing.Preparer
	submitter *filing.Submitter
}

var _ taxpb.TaxServiceServer = (*Server)(nil)

// New builds a Server.
func New(r *rates.Repo, s *store.Store, p *filing.Preparer, sub *filing.Submitter) *Server {
	return &Server{rates: r, store: s, preparer: p, submitter: sub}
}

// CalculateWithholding implements TaxServiceServer.
func (s *Server) CalculateWithholding(ctx context.Context, in *taxpb.CalculateWithholdingRequest) (*taxpb.CalculateWithholdingResponse, error) {
	payDate, err := dates.Parse(in.PayDate)
	if err != nil {
		payDate = dates.Today()
	}
	table, err := s.rates.ForYear(ctx, payDate.Year())
	if err != nil {
		return nil, err
	}
	lines := table.Withhold(rates.Input{
		State:          in.WorkState,
		FilingStatus:   in.FilingStatus,
		Allowances:     int(in.Allowances),
		Gross:          money.USD(in.GrossCents),
		PreTax:         money.USD(in.PreTaxCents),
		YTDGross:       money.USD(in.YtdGrossCents),
		PeriodsPerYear: int(in.PeriodsPerYear),
	})
	resp := &taxpb.CalculateWithholdingResponse{}
	for _, l := range lines {
		resp.Lines = append(resp.Lines, &taxpb.TaxLine{
			Code: l.Code, Label: l.Label, Jurisdiction: l.Jurisdiction,
			AmountCents: l.Amount.Cents, EmployerPaid: l.EmployerPaid,
		})
	}
	return resp, nil
}

// ListFilings implements TaxServiceServer.
func (s *Server) ListFilings(ctx context.Context, in *taxpb.ListFilingsRequest) (*taxpb.ListFilingsResponse, error) {
	if err := auth.Require(ctx, auth.RolePayroll); err != nil {
		return nil, err
	}
	tenant, _ := auth.TenantID(ctx)
	year := int(in.Year)
	if year == 0 {
		year = time.Now().Year()
	}
	fs, err := s.store.ListFilings(ctx, tenant, year, store.FilingStatus(in.Status))
	if err != nil {
		return nil, err
	}
	resp := &taxpb.ListFilingsResponse{}
	for _, f := range fs {
		resp.Filings = append(resp.Filings, filing.ToProto(f))
	}
	return resp, nil
}

// SubmitFiling implements TaxServiceServer.
func (s *Server) SubmitFiling(ctx context.Context, in *taxpb.SubmitFilingRequest) (*taxpb.FilingResponse, error) {
	if err := auth.Require(ctx, auth.RolePayroll); err != nil {
		return nil, err
	}
	tenant, _ := auth.TenantID(ctx)
	f, err := s.store.GetFiling(ctx, tenant, in.Id)
	if err != nil {
		return nil, err
	}
	f, err = s.submitter.Submit(ctx, f)
	if err != nil && !errs.Is(err, errs.FailedPrecondition) {
		return nil, err
	}
	return &taxpb.FilingResponse{Filing: filing.ToProto(f)}, nil
}

// Subscribe records the withholding ledger from completed pay runs.
func (s *Server) Subscribe(bus *events.Bus) {
	bus.Subscribe(events.TopicPayRunCompleted, "tax-ledger", func(ctx context.Context, e events.Event) error {
		var ev payrollpb.PayRunCompleted
		if err := e.Decode(&ev); err != nil {
			return err
		}
		payDate, err := dates.Parse(ev.Run.PayDate)
		if err != nil {
			return err
		}
		ws := make([]store.Withholding, 0, len(ev.Taxes))
		for _, t := range ev.Taxes {
			j := "US"
			if t.Code == "SIT" || t.Code == "SUI" {
				j = t.State
			}
			ws = append(ws, store.Withholding{
				TenantID: e.TenantID, RunID: ev.Run.Id, EmployeeID: t.EmployeeId, Jurisdiction: j, Code: t.Code,
				PayDate: payDate, Wages: money.New(t.WagesCents, ev.Run.Currency), Amount: money.New(t.AmountCents, ev.Run.Currency),
			})
		}
		return s.store.RecordWithholdings(ctx, ws)
	})
}
