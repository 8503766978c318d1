// Command newsroom-worker runs background jobs and relays outbox events to
// their in-process subscribers.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dailyherald/newsroom/internal/accounts"
	"github.com/dailyherald/newsroom/internal/advertising/campaign"
	"github.com/dailyherald/newsroom/internal/analytics/rollup"
	"github.com/dailyherald/newsroom/internal/billing/dunning"
	"github.com/dailyherald/newsroom/internal/billing/gateway"
	"github.com/dailyherald/newsroom/internal/billing/invoice"
	"github.com/dailyherald/newsroom/internal/contributors/payouts"
	"github.com/dailyherald/newsroom/internal/contributors/profile"
	"github.com/dailyherald/newsroom/internal/contributors/rates"
	"github.com/dailyherald/newsroom/internal/editorial/media"
	"github.com/dailyherald/newsroom/internal/editorial/scheduler"
	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/editorial/workflow"
	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/internal/newsletter"
	"github.com/dailyherald/newsroom/internal/subscriptions/entitlement"
	"github.com/dailyherald/newsroom/internal/subscriptions/plan"
	"github.com/dailyherald/newsroom/internal/subscriptions/promo"
	"github.com/dailyherald/newsroom/internal/subscriptions/subscription"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/config"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/jobs"
	"github.com/dailyherald/newsroom/pkg/logging"
	"github.com/dailyherald/newsroom/pkg/mailer"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.Env).With("proc", "worker")
	conn, err := db.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	clk := clock.System{}
	bus := events.NewBus(log)
	outbox := events.NewOutbox(conn)
	var mail mailer.Mailer = mailer.SMTP{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom}
	if !cfg.IsProduction() {
		mail = mailer.Log{L: log}
	}

	acc := accounts.NewService(conn, outbox, clk)

	profiles := &profile.Service{DB: conn}
	rateCards := &rates.Service{DB: conn, Currency: cfg.Currency}
	commissions := &payouts.Service{DB: conn, Profiles: profiles, Rates: rateCards, Log: log}

	articles := store.New(conn)
	med := &media.Service{DB: conn, Clock: clk}
	wf := &workflow.Service{DB: conn, Articles: articles, Media: med, Contributors: profiles, Clock: clk}

	gw := gateway.New(cfg.GatewayBaseURL, cfg.GatewayAPIKey, "")
	invoices := &invoice.Service{DB: conn, Gateway: gw, Bus: outbox, Clock: clk}
	dun := &dunning.Service{DB: conn, Invoices: invoices, Mailer: mail, Clock: clk, MaxAttempts: cfg.DunningMaxAttempts, Log: log}

	plans := &plan.Service{DB: conn}
	promos := &promo.Service{DB: conn, Clock: clk}
	subs := &subscription.Service{DB: conn, Plans: plans, Promos: promos, Invoices: invoices, Accounts: acc, Bus: outbox, Clock: clk, Log: log}
	ents := &entitlement.Service{DB: conn, Clock: clk}

	nl := &newsletter.Service{DB: conn, Accounts: acc, Entitlements: ents, Mailer: mail, Clock: clk, Log: log, BaseURL: "https://www.dailyherald.example"}
	campaigns := &campaign.Service{DB: conn, Clock: clk}

	bus.Subscribe(models.TopicArticlePublished, commissions.OnArticlePublished)
	bus.Subscribe(models.TopicPaymentFailed, dun.OnPaymentFailed)
	bus.Subscribe(models.TopicReaderRegistered, nl.OnReaderRegistered)

	sched := jobs.NewScheduler(log)
	sched.Every(2*time.Second, &events.Relay{DB: conn, Bus: bus})
	sched.Every(30*time.Second, &scheduler.Job{DB: conn, Workflow: wf, Log: log})
	sched.Every(5*time.Minute, subscription.RenewalJob{S: subs})
	sched.Every(15*time.Minute, dun)
	sched.Every(time.Hour, &payouts.BatchJob{S: commissions, Clock: clk, ThresholdCents: cfg.PayoutThresholdCents, ExportDir: cfg.PayoutExportDir})
	sched.Every(cfg.RollupInterval, &rollup.Job{DB: conn, Clock: clk, Retention: 90 * 24 * time.Hour})
	sched.Every(5*time.Minute, newsletter.BuildJob{S: nl})
	sched.Every(time.Minute, newsletter.SendJob{S: nl, BatchSize: 1000})
	sched.Every(5*time.Minute, campaign.CompleteJob{S: campaigns})
	sched.Every(24*time.Hour, accounts.PurgeSessionsJob{S: acc})
	sched.Every(24*time.Hour, jobs.Func{N: "editorial.licence_warnings", F: func(ctx context.Context) error {
		expiring, err := med.ExpiringSoon(ctx, 14*24*time.Hour)
		for _, m := range expiring {
			log.Warn("picture licence expiring on a live article", "media", m.ID, "credit", m.Credit, "expires", m.LicenseExpiry)
		}
		return err
	}})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker started")
	sched.Start(ctx)
	log.Info("worker stopped")
}
