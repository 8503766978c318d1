// Package payrollclose opens upcoming pay runs and pays out approved ones.
package payrollclose

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/jobs"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/services/payroll/bankfile"
	"github.com/ledgerly/people/services/payroll/payslip"
	"github.com/ledgerly/people/services/payroll/runner"
	"github.com/ledgerly/people/services/payroll/store"
)

// OpenRuns creates the next draft runs for each tenant's schedules.
type OpenRuns struct {
	Runner   *runner.Runner
	LeadDays int
}

// Name implements jobs.TenantJob.
func (OpenRuns) Name() string { return "payroll.open_runs" }

// Schedule implements jobs.TenantJob.
func (OpenRuns) Schedule() jobs.Schedule { return jobs.DailyAt(5) }

// RunTenant implements jobs.TenantJob.
func (j OpenRuns) RunTenant(ctx context.Context, tenantID string) error {
	runs, err := j.Runner.OpenNextRuns(ctx, tenantID, j.LeadDays)
	if err != nil {
		return err
	}
	for _, r := range runs {
		log.Info(ctx, "opened pay run", "run", r.ID, "period", r.Period.Start.String())
	}
	return nil
}

// PayApproved sends the ACH file for approved runs due today and finalizes them.
type PayApproved struct {
	Store      *store.Store
	Runner     *runner.Runner
	People     peoplepb.PeopleServiceClient
	Payslips   *payslip.Notifier
	Originator bankfile.Originator
	OutboxDir  string
}

// Name implements jobs.Job.
func (PayApproved) Name() string { return "payroll.pay_approved" }

// Schedule implements jobs.Job.
func (PayApproved) Schedule() jobs.Schedule { return jobs.Every(15 * time.Minute) }

// Run implements jobs.Job.
func (j PayApproved) Run(ctx context.Context) error {
	// ACH needs one banking day to settle.
	due := dates.Today().AddDays(1)
	runs, err := j.Store.RunsToPay(ctx, due)
	if err != nil {
		return err
	}
	for _, run := range runs {
		tctx := log.With(auth.SystemContext(ctx, run.TenantID), "tenant", run.TenantID, "run", run.ID)
		slips, err := j.Store.Payslips(tctx, run.ID, "")
		if err != nil {
			log.Error(tctx, "load payslips", err)
			continue
		}
		ids := make([]string, len(slips))
		for i, s := range slips {
			ids[i] = s.EmployeeID
		}
		accounts, err := j.Store.BankAccounts(tctx, run.TenantID, ids)
		if err != nil {
			log.Error(tctx, "load bank accounts", err)
			continue
		}
		emps, err := j.People.ListEmployees(tctx, &peoplepb.ListEmployeesRequest{Ids: ids, PageSize: int32(len(ids) + 1)})
		if err != nil {
			log.Error(tctx, "load employees", err)
			continue
		}
		names := map[string]string{}
		for _, e := range emps.Employees {
			names[e.Id] = e.LastName + " " + e.FirstName
		}
		file, skipped, err := bankfile.Build(j.Originator, run, slips, accounts, names, time.Now().UTC())
		if err != nil {
			log.Error(tctx, "build ACH file", err)
			continue
		}
		if len(skipped) > 0 {
			log.Warn(tctx, "employees without bank account will need a paper check", "count", len(skipped))
		}
		path := filepath.Join(j.OutboxDir, run.TenantID+"-"+run.ID+".ach")
		if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
			log.Error(tctx, "write ACH file", err)
			continue
		}
		if _, err := j.Runner.MarkPaid(tctx, run.TenantID, run.ID); err != nil {
			log.Error(tctx, "mark paid", err)
			continue
		}
		n, err := j.Payslips.NotifyRun(tctx, run)
		if err != nil {
			log.Error(tctx, "notify payslips", err)
		}
		log.Info(tctx, "pay run paid", "ach", path, "emails", n)
	}
	return nil
}
