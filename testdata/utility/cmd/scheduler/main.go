// Command scheduler runs the platform's background jobs and the event relay.
// It is the only process that dispatches outbox events, so every event
// subscription is wired here.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/accounts/priority"
	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/billing/adjust"
	"gridline.energy/platform/core/billing/dunning"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/core/config"
	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/core/support"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/logx"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/collections/plans"
	colstore "gridline.energy/platform/services/collections/store"
	"gridline.energy/platform/services/metering/estimation"
	meterstore "gridline.energy/platform/services/metering/store"
	"gridline.energy/platform/services/payments/directdebit"
	"gridline.energy/platform/services/payments/reconcile"
	paystore "gridline.energy/platform/services/payments/store"
	pricing "gridline.energy/platform/services/pricing/service"
	pricestore "gridline.energy/platform/services/pricing/store"
	"gridline.energy/platform/services/switching/flows"
	"gridline.energy/platform/services/switching/hub"
	switchstore "gridline.energy/platform/services/switching/store"
)

type job struct {
	name  string
	every time.Duration
	run   func(ctx context.Context, now time.Time) error
	last  time.Time
}

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logx.New("scheduler", cfg.LogLevel)
	conn, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	bus := events.NewBus(conn, log)
	sender := notify.NewSender(conn, log, cfg.SMTPAddr, cfg.MailFrom, cfg.Env == "dev")
	accStore := accounts.NewStore(conn)
	accSvc := accounts.NewService(conn, accStore, bus, sender)
	siteSvc := sites.NewService(sites.NewStore(conn))
	psr := priority.NewRegister(conn)
	invoices := invoice.NewStore(conn, bus, cfg.InvoicePrefix, cfg.PaymentTermDays)
	adj := adjust.New(conn, invoices, siteSvc)
	pStore := paystore.New(conn)
	rec := reconcile.New(conn, pStore, bus, log)
	dd := directdebit.New(pStore, rec, accSvc, bus, sender, log, cfg.DDLeadDays, cfg.ServiceUserNum)
	cStore := colstore.New(conn)
	planSvc := plans.New(cStore, pStore, accSvc, bus, sender, log)
	dun := dunning.New(invoices, cStore, accSvc, psr, sender, log)
	estimator := estimation.New(meterstore.New(conn), siteSvc, log)
	flowSvc := flows.New(conn, switchstore.New(conn), hub.New(cfg.HubURL, cfg.HubMPID), siteSvc, accStore,
		estimator, pricing.New(pricestore.New(conn)), bus, log, money.Pence(cfg.DebtBlockPence))
	supportSvc := support.New(conn, psr)

	bus.Subscribe(models.EventBillIssued, dd.OnBillIssued)
	bus.Subscribe(models.EventPaymentReceived, dun.OnPaymentReceived)
	bus.Subscribe(models.EventPlanBroken, supportSvc.OnPlanBroken)
	bus.Subscribe(models.EventOutageRestored, adj.OnOutageRestored)

	daily := 24 * time.Hour
	jobs := []*job{
		{name: "event-relay", every: 0, run: func(ctx context.Context, _ time.Time) error {
			n, err := bus.Relay(ctx, 500)
			if n > 0 {
				log.Debug("relayed", "events", n)
			}
			return err
		}},
		{name: "switch-hub-poll", every: 5 * time.Minute, run: func(ctx context.Context, _ time.Time) error {
			_, err := flowSvc.Poll(ctx)
			return err
		}},
		{name: "dd-submit", every: daily, run: func(ctx context.Context, now time.Time) error {
			path := filepath.Join(os.TempDir(), fmt.Sprintf("bacs-%s.txt", now.Format("20060102")))
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			defer f.Close()
			n, err := dd.Submit(ctx, now, f)
			log.Info("dd submission written", "file", path, "collections", n)
			return err
		}},
		{name: "dd-settle", every: daily, run: func(ctx context.Context, now time.Time) error {
			_, err := dd.Settle(ctx, now)
			return err
		}},
		{name: "plan-instalments", every: daily, run: func(ctx context.Context, now time.Time) error {
			_, err := planSvc.CheckInstalments(ctx, now)
			return err
		}},
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	tick := time.NewTicker(cfg.JobInterval)
	defer tick.Stop()
	log.Info("scheduler started", "jobs", len(jobs), "interval", cfg.JobInterval)
	for {
		now := time.Now().UTC()
		for _, j := range jobs {
			if !j.last.IsZero() && now.Sub(j.last) < j.every {
				continue
			}
			jctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
			if err := j.run(jctx, now); err != nil {
				log.Error("job failed", "job", j.name, "err", err)
			}
			cancel()
			j.last = now
		}
		select {
		case <-ctx.Done():
			log.Info("scheduler stopped")
			return
		case <-tick.C:
		}
	}
}
