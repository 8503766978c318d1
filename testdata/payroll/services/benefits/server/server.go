// Package server implements benefits.v1.BenefitsService.
package server

import (
	"context"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/proto/benefitspb"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/benefits/store"
)

// Server implements BenefitsServiceServer.
type Server struct {
	store  *store.Store
	people peoplepb.PeopleServiceClient
}

var _ benefitspb.BenefitsServiceServer = (*Server)(nil)

// New builds a Server.
func New(s *store.Store, people peoplepb.PeopleServiceClient) *Server {
	return &Server{store: s, people: people}
}

// Enroll implements BenefitsServiceServer.
func (s *Server) Enroll(ctx context.Context, in *benefitspb.EnrollRequest) (*benefitspb.EnrollmentResponse, error) {
	pr, ok := auth.FromContext(ctx)
	if !ok {
		return nil, errs.E(errs.Unauthenticated, "login required")
	}
	if in.EmployeeId != pr.EmployeeID && !pr.Has(auth.RoleAdmin) {
		return nil, errs.E(errs.PermissionDenied, "cannot enroll another employee")
	}
	mult, ok := store.CoverageMultiplier[in.CoverageLevel]
	if !ok {
		return nil, errs.E(errs.InvalidArgument, "unknown coverage level %q", in.CoverageLevel)
	}
	plan, err := s.store.GetPlan(ctx, pr.TenantID, in.PlanId)
	if err != nil {
		return nil, err
	}
	emp, err := s.people.GetEmployee(ctx, &peoplepb.GetEmployeeRequest{Id: in.EmployeeId})
	if err != nil {
		return nil, err
	}
	if emp.Employee.EmploymentType == string(models.Contractor) {
		return nil, errs.E(errs.FailedPrecondition, "contractors are not eligible for benefits")
	}
	hire, _ := time.Parse("2006-01-02", emp.Employee.HireDate)
	starts := firstOfNextMonth(hire.AddDate(0, 0, plan.WaitingPeriodDays))
	if now := firstOfNextMonth(time.Now().UTC()); starts.Before(now) {
		starts = now
	}
	total := plan.MonthlyCost.Mul(mult)
	employer := total.Percent(float64(plan.EmployerSharePct))
	e := models.BenefitEnrollment{
		ID: db.NewID("enr"), EmployeeID: in.EmployeeId, PlanID: plan.ID, CoverageLevel: in.CoverageLevel,
		EmployeeCost: total.Sub(employer), EmployerCost: employer, PreTax: plan.PreTax, StartsOn: starts,
	}
	if err := s.store.InsertEnrollment(ctx, pr.TenantID, plan.Kind, e); err != nil {
		return nil, err
	}
	return &benefitspb.EnrollmentResponse{Enrollment: toProto(e)}, nil
}

// GetPayrollDeductions implements BenefitsServiceServer. Monthly premiums
// are spread over the pay periods of a year.
func (s *Server) GetPayrollDeductions(ctx context.Context, in *benefitspb.GetPayrollDeductionsRequest) (*benefitspb.GetPayrollDeductionsResponse, error) {
	if err := auth.Require(ctx, auth.RolePayroll); err != nil {
		return nil, err
	}
	tenant, _ := auth.TenantID(ctx)
	day, err := time.Parse("2006-01-02", in.PayDate)
	if err != nil {
		return nil, errs.E(errs.InvalidArgument, "pay_date must be YYYY-MM-DD")
	}
	ppy := in.PeriodsPerYear
	if ppy <= 0 {
		ppy = 26
	}
	es, err := s.store.ActiveOn(ctx, tenant, in.EmployeeIds, day)
	if err != nil {
		return nil, err
	}
	factor := 12.0 / float64(ppy)
	resp := &benefitspb.GetPayrollDeductionsResponse{}
	for _, e := range es {
		resp.Deductions = append(resp.Deductions, &benefitspb.Deduction{
			EmployeeId: e.EmployeeID, PlanId: e.PlanID, Code: "BEN_" + e.PlanID, Label: "Benefits premium",
			PreTax: e.PreTax, EmployeeAmountCents: e.EmployeeCost.Mul(factor).Cents,
			EmployerAmountCents: e.EmployerCost.Mul(factor).Cents,
		})
	}
	return resp, nil
}

// Subscribe ends coverage at the end of the termination month.
func (s *Server) Subscribe(bus *events.Bus) {
	bus.Subscribe(events.TopicEmployeeTerminated, "benefits", func(ctx context.Context, e events.Event) error {
		var ev peoplepb.EmployeeTerminated
		if err := e.Decode(&ev); err != nil {
			return err
		}
		term, err := time.Parse("2006-01-02", ev.TerminationDate)
		if err != nil {
			return err
		}
		endOfMonth := firstOfNextMonth(term).AddDate(0, 0, -1)
		n, err := s.store.EndAllForEmployee(ctx, e.TenantID, ev.EmployeeId, endOfMonth)
		if err != nil {
			return err
		}
		log.Info(ctx, "ended benefits after termination", "employee", ev.EmployeeId, "count", n)
		return nil
	})
}

func firstOfNextMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}

func toProto(e models.BenefitEnrollment) *benefitspb.Enrollment {
	p := &benefitspb.Enrollment{
		Id: e.ID, EmployeeId: e.EmployeeID, PlanId: e.PlanID, CoverageLevel: e.CoverageLevel,
		EmployeeCostCents: e.EmployeeCost.Cents, EmployerCostCents: e.EmployerCost.Cents,
		StartsOn: e.StartsOn.Format("2006-01-02"),
	}
	if e.EndsOn != nil {
		p.EndsOn = e.EndsOn.Format("2006-01-02")
	}
	return p
}
