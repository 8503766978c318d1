// Command worker runs Ledgerly's scheduled jobs. It hosts the same
// in-process RPC services as the API so jobs can call them.
package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"

	_ "github.com/lib/pq"

	"github.com/ledgerly/people/jobs/invoicing"
	"github.com/ledgerly/people/jobs/leaveaccrual"
	"github.com/ledgerly/people/jobs/payrollclose"
	"github.com/ledgerly/people/jobs/taxfiling"
	"github.com/ledgerly/people/jobs/timesheetreminder"
	"github.com/ledgerly/people/pkg/config"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/jobs"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/pkg/rpc"
	"github.com/ledgerly/people/proto/benefitspb"
	"github.com/ledgerly/people/proto/billingpb"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/proto/peoplepb"
	"github.com/ledgerly/people/proto/timepb"
	benefitsserver "github.com/ledgerly/people/services/benefits/server"
	benefitsstore "github.com/ledgerly/people/services/benefits/store"
	billingserver "github.com/ledgerly/people/services/billing/server"
	billingstore "github.com/ledgerly/people/services/billing/store"
	"github.com/ledgerly/people/services/expenses"
	expensesstore "github.com/ledgerly/people/services/expenses/store"
	"github.com/ledgerly/people/services/leave"
	"github.com/ledgerly/people/services/leave/accrual"
	leavestore "github.com/ledgerly/people/services/leave/store"
	"github.com/ledgerly/people/services/payroll/bankfile"
	"github.com/ledgerly/people/services/payroll/calc"
	"github.com/ledgerly/people/services/payroll/deductions"
	"github.com/ledgerly/people/services/payroll/payslip"
	"github.com/ledgerly/people/services/payroll/runner"
	payrollserver "github.com/ledgerly/people/services/payroll/server"
	payrollstore "github.com/ledgerly/people/services/payroll/store"
	"github.com/ledgerly/people/services/people/lifecycle"
	"github.com/ledgerly/people/services/people/orgchart"
	peopleserver "github.com/ledgerly/people/services/people/server"
	peoplestore "github.com/ledgerly/people/services/people/store"
	"github.com/ledgerly/people/services/tax/filing"
	"github.com/ledgerly/people/services/tax/rates"
	taxserver "github.com/ledgerly/people/services/tax/server"
	taxstore "github.com/ledgerly/people/services/tax/store"
	"github.com/ledgerly/people/services/timetracking/approval"
	timeserver "github.com/ledgerly/people/services/timetracking/server"
	timestore "github.com/ledgerly/people/services/timetracking/store"
)

func main() {
	runOnce := flag.String("run", "", "run a single job by name and exit")
	flag.Parse()

	cfg, err := config.Load()
	if err != nil {
		log.Error(context.Background(), "config", err)
		os.Exit(1)
	}
	log.Setup("worker", cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	pool, err := db.Open("postgres", cfg.DatabaseURL, cfg.DBMaxConns)
	if err != nil {
		log.Error(ctx, "open database", err)
		os.Exit(1)
	}
	defer pool.Close()

	bus := events.NewBus(pool)
	mail := &notify.SMTPSender{Addr: cfg.SMTPHost, From: cfg.SMTPFrom}
	rpcSrv := rpc.NewServer(rpc.Recover(), rpc.Logging(), rpc.RequireTenant())
	conn := rpc.NewLocalConn(rpcSrv)
	peopleClient := peoplepb.NewPeopleServiceClient(conn)
	payrollClient := payrollpb.NewPayrollServiceClient(conn)

	pStore := peoplestore.New(pool)
	org := orgchart.New(pStore)
	peoplepb.RegisterPeopleServiceServer(rpcSrv, peopleserver.New(pStore, org, lifecycle.New(pStore, bus)))

	lStore := leavestore.New(pool)
	leaveSvc := leave.New(lStore, peopleClient, bus, mail)
	leaveSvc.Subscribe(bus)

	tStore := timestore.New(pool)
	timepb.RegisterTimeServiceServer(rpcSrv, timeserver.New(tStore, approval.New(tStore, org, bus), peopleClient))

	benSrv := benefitsserver.New(benefitsstore.New(pool), peopleClient)
	benefitspb.RegisterBenefitsServiceServer(rpcSrv, benSrv)
	benSrv.Subscribe(bus)

	prStore := payrollstore.New(pool)
	bStore := billingstore.New(pool)
	invoicer := billingserver.NewInvoicer(bStore, prStore, mail, bStore.BillingEmail)
	billSrv := billingserver.New(bStore, invoicer)
	billingpb.RegisterBillingServiceServer(rpcSrv, billSrv)
	billSrv.Subscribe(bus)

	taxRates := rates.NewRepo(pool)
	txStore := taxstore.New(pool)
	preparer := filing.NewPreparer(txStore, payrollClient)
	submitter := filing.NewSubmitter(txStore, &filing.HTTPAgency{BaseURL: cfg.TaxAgencyURL}, bus)
	taxSrv := taxserver.New(taxRates, txStore, preparer, submitter)
	taxSrv.Subscribe(bus)

	expSvc := expenses.New(expensesstore.New(pool), peopleClient, bus, mail)
	run := runner.New(runner.Deps{
		Store: prStore, People: peopleClient, Time: timepb.NewTimeServiceClient(conn),
		Billing: billingpb.NewBillingServiceClient(conn), Leave: leaveSvc,
		Deductions: deductions.New(benefitspb.NewBenefitsServiceClient(conn), expSvc, prStore),
		Calc:       calc.New(calc.LocalTax{Rates: taxRates}), Bus: bus,
	})
	payrollpb.RegisterPayrollServiceServer(rpcSrv, payrollserver.New(prStore, run))

	sched := jobs.NewScheduler(bStore, cfg.JobInterval)
	add := func(j jobs.Job) {
		if cfg.JobEnabled(j.Name()) {
			sched.Add(j)
		}
	}
	addTenant := func(j jobs.TenantJob) {
		if cfg.JobEnabled(j.Name()) {
			sched.AddTenant(j)
		}
	}
	addTenant(payrollclose.OpenRuns{Runner: run, LeadDays: 5})
	add(payrollclose.PayApproved{
		Store: prStore, Runner: run, People: peopleClient,
		Payslips:   payslip.NewNotifier(prStore, peopleClient, mail),
		Originator: bankfile.Originator{ImmediateDestination: "021000021", ImmediateOrigin: cfg.BankOriginID, CompanyName: "LEDGERLY PEOPLE", CompanyID: cfg.BankOriginID, ODFI: "02100002"},
		OutboxDir:  os.TempDir(),
	})
	addTenant(taxfiling.PrepareQuarter{Preparer: preparer})
	add(taxfiling.SubmitDue{Store: txStore, Submitter: submitter, Mail: mail, AlertTo: "payroll-ops@ledgerly.io"})
	addTenant(timesheetreminder.Job{Store: tStore, People: peopleClient, Mail: mail})
	addTenant(leaveaccrual.Job{Engine: accrual.New(lStore, pStore)})
	addTenant(invoicing.Job{Invoicer: invoicer})

	if *runOnce != "" {
		if err := sched.RunNow(ctx, *runOnce); err != nil {
			log.Error(ctx, "job failed", err, "job", *runOnce)
			os.Exit(1)
		}
		return
	}
	log.Info(ctx, "worker started", "tick", cfg.JobInterval.String())
	sched.Run(ctx)
}
