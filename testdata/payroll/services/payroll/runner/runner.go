// Package runner orchestrates a pay run: create, calculate, approve, pay.
package runner

import (
	"context"
	"database/sql"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/pkg/money"
	"github.com/ledgerly/people/proto/billingpb"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/proto/timepb"
	"github.com/ledgerly/people/services/leave"
	"github.com/ledgerly/people/services/payroll/calc"
	"github.com/ledgerly/people/services/payroll/deductions"
	"github.com/ledgerly/people/services/payroll/store"
)

// Runner drives pay runs.
type Runner struct {
	store      *store.Store
	people     peoplepb.PeopleServiceClient
	time       timepb.TimeServiceClient
	billing    billingpb.BillingServiceClient
	leave      *leave.Service
	deductions *deductions.Collector
	calc       *calc.Calculator
	bus        events.Publisher
}

// Deps bundles the Runner's collaborators.
type Deps struct {
	Store      *store.Store
	People     peoplepb.PeopleServiceClient
	Time       timepb.TimeServiceClient
	Billing    billingpb.BillingServiceClient
	Leave      *leave.Service
	Deductions *deductions.Collector
	Calc       *calc.Calculator
	Bus        events.Publisher
}

// New builds a Runner.
func New(d Deps) *Runner {
	return &Runner{store: d.Store, people: d.People, time: d.Time, billing: d.Billing, leave: d.Leave,
		deductions: d.Deductions, calc: d.Calc, bus: d.Bus}
}

// Create opens a draft run after checking the tenant's plan allows it.
func (r *Runner) Create(ctx context.Context, tenantID, scheduleID string, p dates.Period, payDate dates.Date) (models.PayRun, error) {
	if payDate.Before(p.End.Time) {
		return models.PayRun{}, errs.E(errs.InvalidArgument, "pay date %s before period end %s", payDate, p.End)
	}
	ent, err := r.billing.GetEntitlements(ctx, &billingpb.GetEntitlementsRequest{})
	if err != nil {
		return models.PayRun{}, err
	}
	if ent.PayRunsPerMonth > 0 {
		n, err := r.store.CountRunsInMonth(ctx, tenantID, payDate)
		if err != nil {
			return models.PayRun{}, err
		}
		if n >= int(ent.PayRunsPerMonth) {
			return models.PayRun{}, errs.E(errs.FailedPrecondition, "plan %s allows %d pay runs per month", ent.Plan, ent.PayRunsPerMonth)
		}
	}
	run := models.PayRun{
		ID: db.NewID("run"), TenantID: tenantID, ScheduleID: scheduleID, Period: p, PayDate: payDate,
		Status: models.RunDraft, GrossTotal: money.Zero("USD"), CreatedAt: time.Now().UTC(),
	}
	err = db.WithTx(ctx, r.store.DB(), func(tx *sql.Tx) error {
		if err := r.store.InsertRun(ctx, tx, run); err != nil {
			return err
		}
		if scheduleID != "" {
			return r.store.AdvanceSchedule(ctx, tx, scheduleID, p)
		}
		return nil
	})
	return run, err
}

// Calculate computes every active employee's payslip for a draft run.
func (r *Runner) Calculate(ctx context.Context, tenantID, runID string) (models.PayRun, error) {
	run, err := r.store.GetRun(ctx, tenantID, runID)
	if err != nil {
		return run, err
	}
	if run.Status != models.RunDraft && run.Status != models.RunCalculated {
		return run, errs.E(errs.FailedPrecondition, "run %s is %s", runID, run.Status)
	}
	emps, err := r.activeEmployees(ctx)
	if err != nil {
		return run, err
	}
	ids := make([]string, len(emps))
	for i, e := range emps {
		ids[i] = e.Id
	}
	comps, err := r.people.GetCompensation(ctx, &peoplepb.GetCompensationRequest{EmployeeIds: ids, AsOf: run.Period.End.String()})
	if err != nil {
		return run, err
	}
	compByID := map[string]*peoplepb.Compensation{}
	for _, c := range comps.Compensations {
		compByID[c.EmployeeId] = c
	}
	hours, err := r.time.GetApprovedHours(ctx, &timepb.GetApprovedHoursRequest{
		EmployeeIds: ids, PeriodStart: run.Period.Start.String(), PeriodEnd: run.Period.End.String(),
	})
	if err != nil {
		return run, err
	}
	hoursByID := map[string]*timepb.EmployeeHours{}
	for _, h := range hours.Hours {
		hoursByID[h.EmployeeId] = h
	}
	unpaid, err := r.leave.UnpaidHours(ctx, tenantID, ids, run.Period)
	if err != nil {
		return run, err
	}
	ytd, err := r.store.YearToDateGross(ctx, tenantID, run.PayDate)
	if err != nil {
		return run, err
	}
	ppy := dates.Biweekly.PeriodsPerYear()
	if len(comps.Compensations) > 0 {
		ppy = dates.Frequency(comps.Compensations[0].PayFrequency).PeriodsPerYear()
	}
	deds, err := r.deductions.Collect(ctx, tenantID, ids, run.PayDate, ppy, "USD")
	if err != nil {
		return run, err
	}

	var slips []models.Payslip
	gross, net, tax := money.Zero("USD"), money.Zero("USD"), money.Zero("USD")
	for _, e := range emps {
		pc, ok := compByID[e.Id]
		if !ok {
			log.Warn(ctx, "no compensation; skipping", "employee", e.Id)
			continue
		}
		comp := compFromProto(pc)
		in := calc.Input{
			EmployeeID: e.Id, WorkState: e.WorkState, Comp: comp, Period: run.Period, PayDate: run.PayDate,
			UnpaidLeaveHours: unpaid[e.Id], YTDGross: money.New(ytd[e.Id], "USD"),
		}
		if h := hoursByID[e.Id]; h != nil {
			in.RegularHours, in.OvertimeHours = h.RegularHours, h.OvertimeHours
		}
		if d := deds[e.Id]; d != nil {
			in.PreTax, in.PostTax, in.Reimbursements = d.PreTax, d.PostTax, d.Reimbursements
		}
		res, err := r.calc.Calculate(ctx, run.ID, in)
		if err != nil {
			return run, err
		}
		slips = append(slips, res.Payslip)
		gross, net = gross.Add(res.Payslip.Gross), net.Add(res.Payslip.Net)
		for _, t := range res.Taxes {
			if !t.EmployerPaid {
				tax = tax.Add(t.Amount)
			}
		}
	}
	run.Status, run.GrossTotal, run.NetTotal, run.TaxTotal, run.Headcount = models.RunCalculated, gross, net, tax, len(slips)
	if err := r.store.SaveResults(ctx, run, slips); err != nil {
		return run, err
	}
	log.Info(ctx, "pay run calculated", "run", run.ID, "headcount", run.Headcount, "gross", gross.String())
	return run, nil
}

// Approve locks a calculated run for payment.
func (r *Runner) Approve(ctx context.Context, tenantID, runID, approver string) (models.PayRun, error) {
	run, err := r.store.GetRun(ctx, tenantID, runID)
	if err != nil {
		return run, err
	}
	if run.Status != models.RunCalculated {
		return run, errs.E(errs.FailedPrecondition, "only calculated runs can be approved (run is %s)", run.Status)
	}
	if err := r.store.SetStatus(ctx, r.store.DB(), tenantID, runID, models.RunApproved, approver); err != nil {
		return run, err
	}
	run.Status, run.ApprovedBy = models.RunApproved, approver
	return run, nil
}

// MarkPaid finalizes a run after funds were sent and announces it.
func (r *Runner) MarkPaid(ctx context.Context, tenantID, runID string) (models.PayRun, error) {
	run, err := r.store.GetRun(ctx, tenantID, runID)
	if err != nil {
		return run, err
	}
	if run.Status != models.RunApproved {
		return run, errs.E(errs.FailedPrecondition, "run %s is %s", runID, run.Status)
	}
	slips, err := r.store.Payslips(ctx, runID, "")
	if err != nil {
		return run, err
	}
	ids := make([]string, 0, len(slips))
	for _, s := range slips {
		ids = append(ids, s.EmployeeID)
	}
	reports, err := r.deductions.Collect(ctx, tenantID, ids, run.PayDate, 26, run.GrossTotal.Currency)
	if err != nil {
		return run, err
	}
	var expenseIDs []string
	for _, set := range reports {
		expenseIDs = append(expenseIDs, set.ExpenseIDs...)
	}
	err = db.WithTx(ctx, r.store.DB(), func(tx *sql.Tx) error {
		if err := r.store.SetStatus(ctx, tx, tenantID, runID, models.RunPaid, ""); err != nil {
			return err
		}
		return r.store.MarkExpensesReimbursed(ctx, tx, tenantID, runID, expenseIDs)
	})
	if err != nil {
		return run, err
	}
	run.Status = models.RunPaid
	states, err := r.workStates(ctx, ids)
	if err != nil {
		return run, err
	}
	ev := &payrollpb.PayRunCompleted{Run: RunToProto(run), ReimbursedIds: expenseIDs}
	for _, s := range slips {
		for _, it := range s.Items {
			if it.Kind != models.ItemTax && it.Kind != models.ItemEmployerTax {
				continue
			}
			amt := it.Amount.Cents
			if amt < 0 {
				amt = -amt
			}
			ev.Taxes = append(ev.Taxes, &payrollpb.EmployeeTax{
				EmployeeId: s.EmployeeID, State: states[s.EmployeeID], Code: it.Code, AmountCents: amt, WagesCents: s.Gross.Cents,
			})
		}
	}
	if err := r.bus.Publish(ctx, events.TopicPayRunCompleted, ev); err != nil {
		log.Error(ctx, "publish run completed", err, "run", runID)
	}
	return run, nil
}

// OpenNextRuns creates the next draft run for every schedule whose next
// period ends within lead days.
func (r *Runner) OpenNextRuns(ctx context.Context, tenantID string, lead int) ([]models.PayRun, error) {
	scheds, err := r.store.Schedules(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var out []models.PayRun
	today := dates.Today()
	for _, sc := range scheds {
		next := dates.NextPeriod(sc.Frequency, sc.LastPeriod)
		if next.End.After(today.AddDays(lead).Time) {
			continue
		}
		run, err := r.Create(ctx, tenantID, sc.ID, next, dates.PreviousBusinessDay(next.End.AddDays(sc.PayLagDays)))
		if err != nil {
			return out, err
		}
		out = append(out, run)
	}
	return out, nil
}

func (r *Runner) activeEmployees(ctx context.Context) ([]*peoplepb.Employee, error) {
	var out []*peoplepb.Employee
	token := ""
	for {
		resp, err := r.people.ListEmployees(ctx, &peoplepb.ListEmployeesRequest{Status: string(models.StatusActive), PageSize: 500, PageToken: token})
		if err != nil {
			return nil, err
		}
		out = append(out, resp.Employees...)
		if resp.NextPageToken == "" {
			return out, nil
		}
		token = resp.NextPageToken
	}
}

func (r *Runner) workStates(ctx context.Context, ids []string) (map[string]string, error) {
	resp, err := r.people.ListEmployees(ctx, &peoplepb.ListEmployeesRequest{Ids: ids, PageSize: int32(len(ids) + 1)})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(resp.Employees))
	for _, e := range resp.Employees {
		out[e.Id] = e.GetWorkState()
	}
	return out, nil
}
