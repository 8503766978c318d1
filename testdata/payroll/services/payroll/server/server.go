// Package server implements payroll.v1.PayrollService.
package server

import (
	"context"
	"sort"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/services/payroll/runner"
	"github.com/ledgerly/people/services/payroll/store"
)

// Server implements PayrollServiceServer.
type Server struct {
	store  *store.Store
	runner *runner.Runner
}

var _ payrollpb.PayrollServiceServer = (*Server)(nil)

// New builds a Server.
func New(s *store.Store, r *runner.Runner) *Server { return &Server{store: s, runner: r} }

func payrollAdmin(ctx context.Context) (string, error) {
	if err := auth.Require(ctx, auth.RolePayroll); err != nil {
		return "", err
	}
	return auth.TenantID(ctx)
}

// CreatePayRun implements PayrollServiceServer.
func (s *Server) CreatePayRun(ctx context.Context, in *payrollpb.CreatePayRunRequest) (*payrollpb.PayRunResponse, error) {
	tenant, err := payrollAdmin(ctx)
	if err != nil {
		return nil, err
	}
	start, err1 := dates.Parse(in.PeriodStart)
	end, err2 := dates.Parse(in.PeriodEnd)
	pay, err3 := dates.Parse(in.PayDate)
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, errs.E(errs.InvalidArgument, "period_start, period_end and pay_date must be YYYY-MM-DD")
	}
	run, err := s.runner.Create(ctx, tenant, in.ScheduleId, dates.Period{Start: start, End: end}, pay)
	if err != nil {
		return nil, err
	}
	return &payrollpb.PayRunResponse{Run: runner.RunToProto(run)}, nil
}

// CalculatePayRun implements PayrollServiceServer.
func (s *Server) CalculatePayRun(ctx context.Context, in *payrollpb.CalculatePayRunRequest) (*payrollpb.PayRunResponse, error) {
	tenant, err := payrollAdmin(ctx)
	if err != nil {
		return nil, err
	}
	run, err := s.runner.Calculate(ctx, tenant, in.RunId)
	if err != nil {
		return nil, err
	}
	return &payrollpb.PayRunResponse{Run: runner.RunToProto(run)}, nil
}

// ApprovePayRun implements PayrollServiceServer.
func (s *Server) ApprovePayRun(ctx context.Context, in *payrollpb.ApprovePayRunRequest) (*payrollpb.PayRunResponse, error) {
	tenant, err := payrollAdmin(ctx)
	if err != nil {
		return nil, err
	}
	pr, _ := auth.FromContext(ctx)
	run, err := s.runner.Approve(ctx, tenant, in.RunId, pr.UserID)
	if err != nil {
		return nil, err
	}
	return &payrollpb.PayRunResponse{Run: runner.RunToProto(run)}, nil
}

// GetPayRun implements PayrollServiceServer.
func (s *Server) GetPayRun(ctx context.Context, in *payrollpb.GetPayRunRequest) (*payrollpb.PayRunResponse, error) {
	tenant, err := payrollAdmin(ctx)
	if err != nil {
		return nil, err
	}
	run, err := s.store.GetRun(ctx, tenant, in.RunId)
	if err != nil {
		return nil, err
	}
	return &payrollpb.PayRunResponse{Run: runner.RunToProto(run)}, nil
}

// GetPayslip implements PayrollServiceServer. Employees may read their own.
func (s *Server) GetPayslip(ctx context.Context, in *payrollpb.GetPayslipRequest) (*payrollpb.GetPayslipResponse, error) {
	pr, ok := auth.FromContext(ctx)
	if !ok {
		return nil, errs.E(errs.Unauthenticated, "login required")
	}
	if in.EmployeeId != pr.EmployeeID && !pr.Has(auth.RolePayroll) {
		return nil, errs.E(errs.PermissionDenied, "cannot view another employee's payslip")
	}
	if _, err := s.store.GetRun(ctx, pr.TenantID, in.RunId); err != nil {
		return nil, err
	}
	slips, err := s.store.Payslips(ctx, in.RunId, in.EmployeeId)
	if err != nil {
		return nil, err
	}
	if len(slips) == 0 {
		return nil, errs.E(errs.NotFound, "no payslip for %s in run %s", in.EmployeeId, in.RunId)
	}
	return &payrollpb.GetPayslipResponse{Payslip: runner.PayslipToProto(slips[0])}, nil
}

// SummarizeQuarter implements PayrollServiceServer for the tax filings.
func (s *Server) SummarizeQuarter(ctx context.Context, in *payrollpb.SummarizeQuarterRequest) (*payrollpb.SummarizeQuarterResponse, error) {
	tenant, err := payrollAdmin(ctx)
	if err != nil {
		return nil, err
	}
	p := dates.QuarterPeriod(int(in.Year), int(in.Quarter))
	slips, runIDs, err := s.store.PaidSlipsWithState(ctx, tenant, p)
	if err != nil {
		return nil, err
	}
	resp := &payrollpb.SummarizeQuarterResponse{Currency: "USD", RunIds: runIDs}
	states := map[string]*payrollpb.StateWages{}
	seen := map[string]map[string]bool{}
	for _, sl := range slips {
		st, ok := states[sl.WorkState]
		if !ok {
			st = &payrollpb.StateWages{State: sl.WorkState}
			states[sl.WorkState] = st
			seen[sl.WorkState] = map[string]bool{}
		}
		if !seen[sl.WorkState][sl.EmployeeID] {
			seen[sl.WorkState][sl.EmployeeID] = true
			st.Employees++
		}
		st.WagesCents += sl.Gross.Cents
		resp.FederalWagesCents += sl.Gross.Cents
		for _, it := range sl.Items {
			amt := -it.Amount.Cents
			switch it.Code {
			case "FIT":
				resp.FederalTaxCents += amt
			case "SS":
				resp.SocialSecurityCents += amt
			case "MED":
				resp.MedicareCents += amt
			case "SIT":
				st.WithheldCents += amt
			case "SUI":
				st.EmployerCents += it.Amount.Cents
			}
		}
	}
	for _, st := range states {
		resp.States = append(resp.States, st)
	}
	sort.Slice(resp.States, func(i, j int) bool { return resp.States[i].State < resp.States[j].State })
	return resp, nil
}
