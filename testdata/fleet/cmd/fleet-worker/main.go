// Command fleet-worker runs the periodic jobs: service-due checks, fuel
// statement imports, the invoice run, the notification outbox, and a few
// housekeeping tasks. Run exactly one replica.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"gitlab.com/roadrunner/fleet/jobs/fuelimport"
	"gitlab.com/roadrunner/fleet/jobs/invoicerun"
	"gitlab.com/roadrunner/fleet/jobs/servicedue"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/conf"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/sched"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/billing/contracts"
	"gitlab.com/roadrunner/fleet/services/billing/invoicing"
	"gitlab.com/roadrunner/fleet/services/billing/pricing"
	"gitlab.com/roadrunner/fleet/services/crew/licence"
	"gitlab.com/roadrunner/fleet/services/crew/roster"
	"gitlab.com/roadrunner/fleet/services/customers/account"
	"gitlab.com/roadrunner/fleet/services/customers/notify"
	"gitlab.com/roadrunner/fleet/services/fleet/maintenance"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle/pgstore"
	"gitlab.com/roadrunner/fleet/services/fuel/cards"
	"gitlab.com/roadrunner/fleet/services/fuel/fuelindex"
	"gitlab.com/roadrunner/fleet/services/fuel/transactions"
	"gitlab.com/roadrunner/fleet/services/telematics/alerts"
	"gitlab.com/roadrunner/fleet/services/telematics/positions"
)

func main() {
	once := flag.String("once", "", "run one job by name and exit")
	flag.Parse()
	cfg, err := conf.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	log := xlog.Setup(xlog.Options{Level: cfg.LogLevel, JSON: cfg.LogJSON, Service: "fleet-worker"})
	db, err := dbx.Open("pgx", cfg.DatabaseURL, 5)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer db.Close()
	clk := clock.System

	vehicles := vehicle.NewService(pgstore.New(db), clk)
	accounts := account.New(db, clk)
	outbox := notify.NewOutbox(db, accounts, notify.SMTP(cfg.SMTPRelay, "noreply@roadrunner.nl"), clk)
	index := fuelindex.New(db, clk)
	ctrs := contracts.New(db, clk)
	pos := positions.NewStore(db)
	alertStore := alerts.NewStore(db)
	driverStore := roster.NewStore(db)
	licences := licence.NewService(db, driverStore, clk)
	drivers := roster.NewService(driverStore, licences, clk)

	runner := sched.NewRunner()
	type entry struct {
		job   sched.Job
		every time.Duration
	}
	jobs := []entry{
		{&servicedue.Job{Vehicles: vehicles, Maintenance: maintenance.New(db, vehicles, clk)}, 6 * time.Hour},
		{&fuelimport.Job{Dir: cfg.FuelDropDir,
			Transactions: transactions.New(db, cards.New(db, clk), vehicles, pos, clk)}, 15 * time.Minute},
		{&invoicerun.Job{Contracts: ctrs, Outbox: outbox, Clock: clk,
			Invoices: invoicing.New(db, pricing.NewPricer(ctrs, index), ctrs, accounts, clk)}, time.Hour},
		{sched.Func{N: "notify-flush", Fn: func(ctx context.Context) error { return outbox.Flush(ctx, 100) }}, 30 * time.Second},
		{sched.Func{N: "fuel-index", Fn: func(ctx context.Context) error {
			if clk.Now().In(clock.Local).Weekday() != time.Monday {
				return nil
			}
			return index.Recompute(ctx, clk.Now().AddDate(0, 0, -7))
		}}, 24 * time.Hour},
		{sched.Func{N: "silent-devices", Fn: func(ctx context.Context) error {
			silent, err := pos.Silent(ctx, clk.Now().Add(-2*time.Hour))
			for _, vid := range silent {
				err = alertStore.Raise(ctx, alerts.Alert{VehicleID: vid, Type: alerts.Silent, At: clk.Now(),
					Message: "no position for 2 hours"})
			}
			return err
		}}, 10 * time.Minute},
		// Drivers whose licence, CPC or medical lapsed are suspended
		// automatically; HR reinstates them when the new document is on file.
		{sched.Func{N: "licence-expiry", Fn: func(ctx context.Context) error {
			expired, err := licences.Expired(ctx, clk.Now())
			for _, id := range expired {
				_ = drivers.Suspend(ctx, id, "licence/CPC/medical expired")
			}
			return err
		}}, 24 * time.Hour},
	}
	for _, j := range jobs {
		if *once == j.job.Name() {
			runner.RunOnce(context.Background(), j.job)
			return
		}
		runner.Every(j.every, j.job)
	}
	if *once != "" {
		fmt.Fprintf(os.Stderr, "unknown job %q\n", *once)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker started", "jobs", len(jobs))
	runner.Start(ctx)
}
