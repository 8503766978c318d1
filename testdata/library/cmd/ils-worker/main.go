// Command ils-worker runs the ILS background jobs: overdue notices, fine
// accrual, hold-shelf expiry, membership lifecycle, notification delivery,
// transit audits and monthly statistics.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"citylib.org/ils/config"
	"citylib.org/ils/db"
	"citylib.org/ils/internal/catalog/search"
	"citylib.org/ils/internal/circulation/duedate"
	"citylib.org/ils/internal/circulation/holdqueue"
	"citylib.org/ils/internal/circulation/overdue"
	"citylib.org/ils/internal/circulation/policy"
	"citylib.org/ils/internal/fines/accrual"
	"citylib.org/ils/internal/fines/payments"
	"citylib.org/ils/internal/membership/eligibility"
	"citylib.org/ils/internal/membership/renewal"
	"citylib.org/ils/internal/notify/channels"
	"citylib.org/ils/internal/notify/dispatcher"
	notifystore "citylib.org/ils/internal/notify/store"
	"citylib.org/ils/internal/notify/templates"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/internal/platform/jobs"
	"citylib.org/ils/internal/reporting"
	transfersvc "citylib.org/ils/internal/transfers/service"
	transferstore "citylib.org/ils/internal/transfers/store"
	"citylib.org/ils/logging"
	branchrepo "citylib.org/ils/repositories/branches"
	catalogrepo "citylib.org/ils/repositories/catalog"
	"citylib.org/ils/repositories/copies"
	finerepo "citylib.org/ils/repositories/fines"
	holdrepo "citylib.org/ils/repositories/holds"
	loanrepo "citylib.org/ils/repositories/loans"
	memberrepo "citylib.org/ils/repositories/members"
	branchsvc "citylib.org/ils/services/branches"
	catalogsvc "citylib.org/ils/services/catalog"
	finesvc "citylib.org/ils/services/fines"
	loansvc "citylib.org/ils/services/loans"
	membersvc "citylib.org/ils/services/members"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New(cfg.LogLevel, "ils-worker")
	database, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer database.Close()

	clk := clock.System{}
	bus := eventbus.New(database, log)

	copyRepo := copies.New(database)
	holdRepo := holdrepo.New(database)
	loanRepo := loanrepo.New(database)
	branches := branchsvc.NewService(branchrepo.New(database), bus)
	catalog := catalogsvc.NewService(catalogrepo.NewTitleRepo(database), copyRepo, holdRepo, search.New(database), branches)
	fines := finesvc.NewService(finerepo.New(database), payments.New(cfg.PaymentGatewayURL, cfg.PaymentAPIKey), bus)
	members := membersvc.NewService(memberrepo.New(database), eligibility.New(database, cfg.FineBlockCents), fines, bus, clk)
	pol := policy.NewResolver(database)
	transfers := transfersvc.New(transferstore.New(database), copyRepo, bus)
	queue := holdqueue.New(holdRepo, copyRepo, transfers, bus, clk, cfg.HoldShelfDays)
	loans := loansvc.NewService(loansvc.Deps{
		Loans: loanRepo, Holds: holdRepo, Copies: copyRepo, Catalog: catalog, Members: members, Fines: fines,
		Policy: pol, DueDates: duedate.New(branches), HoldQueue: queue, Transfers: transfers, Bus: bus, Clock: clk,
	})

	tmpl, err := templates.Load()
	if err != nil {
		log.Error("templates", "err", err)
		os.Exit(1)
	}
	notifier := dispatcher.New(notifystore.New(database), tmpl, map[string]channels.Sender{
		"email": channels.NewEmail(cfg.SMTPAddr, cfg.SMTPFrom),
		"sms":   channels.NewSMS(cfg.SMSGatewayURL, cfg.SMSAPIKey, clk),
	}, branches, clk, log)
	notifier.Subscribe(bus)

	overdueScan := overdue.New(database, loanRepo, loans, bus, clk, cfg.LostAfterDays, log)
	fineAccrual := accrual.New(database, fines, pol, clk, bus, log)
	lifecycle := renewal.New(database, bus, clk)
	reporter := reporting.New(database)

	s := jobs.NewScheduler(database, log)
	s.Add(jobs.Job{Name: "overdue-scan", Interval: time.Hour, Run: overdueScan.Run})
	s.Add(jobs.Job{Name: "fine-accrual", Interval: 24 * time.Hour, Run: fineAccrual.Run})
	s.Add(jobs.Job{Name: "hold-expiry", Interval: 15 * time.Minute, Run: func(ctx context.Context) error {
		n, err := queue.ExpireUncollected(ctx)
		if n > 0 {
			log.Info("holds expired", "count", n)
		}
		return err
	}})
	s.Add(jobs.Job{Name: "membership-lifecycle", Interval: 24 * time.Hour, Run: lifecycle.Run})
	s.Add(jobs.Job{Name: "notify-flush", Interval: cfg.WorkerInterval, Run: notifier.Flush})
	s.Add(jobs.Job{Name: "transit-audit", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
		n, err := transfers.ReportStale(ctx)
		if n > 0 {
			log.Warn("items missing in transit", "count", n)
		}
		return err
	}})
	s.Add(jobs.Job{Name: "outbox-prune", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
		_, err := eventbus.PruneOutbox(ctx, database, 30*24*time.Hour)
		return err
	}})
	s.Add(jobs.Job{Name: "monthly-report", Interval: 24 * time.Hour, Run: func(ctx context.Context) error {
		return reporter.Snapshot(ctx, cfg.ReportsDir, clk.Now())
	}})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker started")
	s.Start(ctx)
	log.Info("worker stopped")
}
