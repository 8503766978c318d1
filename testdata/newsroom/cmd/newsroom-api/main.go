// Command newsroom-api serves the public site API, the CMS API and the
// commercial endpoints from a single process.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dailyherald/newsroom/internal/accounts"
	"github.com/dailyherald/newsroom/internal/analytics/ingest"
	"github.com/dailyherald/newsroom/internal/analytics/report"
	"github.com/dailyherald/newsroom/internal/billing/gateway"
	"github.com/dailyherald/newsroom/internal/billing/invoice"
	"github.com/dailyherald/newsroom/internal/comments"
	"github.com/dailyherald/newsroom/internal/contributors/payouts"
	"github.com/dailyherald/newsroom/internal/contributors/profile"
	"github.com/dailyherald/newsroom/internal/contributors/rates"
	"github.com/dailyherald/newsroom/internal/editorial/article"
	"github.com/dailyherald/newsroom/internal/editorial/feeds"
	"github.com/dailyherald/newsroom/internal/editorial/media"
	"github.com/dailyherald/newsroom/internal/editorial/revision"
	"github.com/dailyherald/newsroom/internal/editorial/store"
	"github.com/dailyherald/newsroom/internal/editorial/taxonomy"
	"github.com/dailyherald/newsroom/internal/editorial/workflow"
	"github.com/dailyherald/newsroom/internal/newsletter"
	"github.com/dailyherald/newsroom/internal/subscriptions/entitlement"
	"github.com/dailyherald/newsroom/internal/subscriptions/paywall"
	"github.com/dailyherald/newsroom/internal/subscriptions/plan"
	"github.com/dailyherald/newsroom/internal/subscriptions/promo"
	"github.com/dailyherald/newsroom/internal/subscriptions/subscription"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/config"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
	"github.com/dailyherald/newsroom/pkg/jobs"
	"github.com/dailyherald/newsroom/pkg/logging"
	"github.com/dailyherald/newsroom/pkg/mailer"

	advapi "github.com/dailyherald/newsroom/internal/advertising/api"
	"github.com/dailyherald/newsroom/internal/advertising/campaign"
	"github.com/dailyherald/newsroom/internal/advertising/reporting"
	"github.com/dailyherald/newsroom/internal/advertising/slot"
	analyticsapi "github.com/dailyherald/newsroom/internal/analytics/api"
	billingapi "github.com/dailyherald/newsroom/internal/billing/api"
	contribapi "github.com/dailyherald/newsroom/internal/contributors/api"
	editorialapi "github.com/dailyherald/newsroom/internal/editorial/api"
	subsapi "github.com/dailyherald/newsroom/internal/subscriptions/api"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.Env)
	slog.SetDefault(log)

	conn, err := db.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	clk := clock.System{}
	// All events leave this process through the outbox; the worker relays them.
	outbox := events.NewOutbox(conn)
	var mail mailer.Mailer = mailer.SMTP{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom}
	if !cfg.IsProduction() {
		mail = mailer.Log{L: log}
	}

	// accounts
	acc := accounts.NewService(conn, outbox, clk)

	// contributors
	profiles := &profile.Service{DB: conn}
	rateCards := &rates.Service{DB: conn, Currency: cfg.Currency}
	commissions := &payouts.Service{DB: conn, Profiles: profiles, Rates: rateCards, Log: log}

	// editorial
	articles := store.New(conn)
	tax := &taxonomy.Service{DB: conn}
	revs := &revision.Store{DB: conn}
	med := &media.Service{DB: conn, Clock: clk}
	wf := &workflow.Service{DB: conn, Articles: articles, Media: med, Contributors: profiles, Clock: clk}
	artSvc := &article.Service{DB: conn, Articles: articles, Revisions: revs, Taxonomy: tax, Clock: clk}
	feedSvc := &feeds.Service{Articles: articles, Taxonomy: tax, Clock: clk}

	// analytics
	reports := &report.Service{DB: conn}
	collector := &ingest.Collector{DB: conn, BatchSize: 500}

	// billing
	gw := gateway.New(cfg.GatewayBaseURL, cfg.GatewayAPIKey, os.Getenv("GATEWAY_WEBHOOK_SECRET"))
	invoices := &invoice.Service{DB: conn, Gateway: gw, Bus: outbox, Clock: clk}

	// subscriptions
	plans := &plan.Service{DB: conn}
	promos := &promo.Service{DB: conn, Clock: clk}
	ents := &entitlement.Service{DB: conn, Clock: clk, TTL: 30 * time.Second}
	subs := &subscription.Service{DB: conn, Plans: plans, Promos: promos, Invoices: invoices, Accounts: acc, Bus: outbox, Clock: clk, Log: log}
	pw := &paywall.Service{DB: conn, Articles: articles, Entitlements: ents, Clock: clk, FreeArticles: cfg.PaywallFreeArticles}

	// advertising (admin side; serving lives in cmd/adserver)
	slots := &slot.Service{DB: conn}
	campaigns := &campaign.Service{DB: conn, Clock: clk}
	adReports := &reporting.Service{DB: conn}

	// community
	cmts := comments.NewService(conn, acc, outbox, clk)
	nl := &newsletter.Service{DB: conn, Accounts: acc, Entitlements: ents, Mailer: mail, Clock: clk, Log: log, BaseURL: "https://www.dailyherald.example"}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := conn.PingContext(r.Context()); err != nil {
			http.Error(w, "db unavailable", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	accounts.Handlers{S: acc}.Register(mux)
	editorialapi.Handlers{Articles: artSvc, Store: articles, Workflow: wf, Taxonomy: tax, Feeds: feedSvc, Reports: reports}.Register(mux)
	contribapi.Handlers{Profiles: profiles, Rates: rateCards, Payouts: commissions, Articles: articles}.Register(mux)
	subsapi.Handlers{Plans: plans, Subscriptions: subs, Entitlements: ents, Paywall: pw}.Register(mux)
	billingapi.Handlers{DB: conn, Invoices: invoices, Gateway: gw}.Register(mux)
	advapi.Admin{Campaigns: campaigns, Slots: slots, Reports: adReports}.Register(mux)
	analyticsapi.Handlers{Reports: reports, Collector: collector}.Register(mux)
	comments.Handlers{S: cmts}.Register(mux)
	newsletter.Handlers{S: nl}.Register(mux)

	handler := middleware.Chain(mux,
		middleware.RequestLogger(log),
		middleware.Recover,
		middleware.Authenticate(acc, false),
	)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// The page-view buffer lives in this process, so it is flushed here.
	sched := jobs.NewScheduler(log)
	sched.Every(5*time.Second, collector)
	go sched.Start(ctx)

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
		_ = collector.Flush(shutdown)
	}()
	log.Info("newsroom-api listening", "addr", cfg.HTTPAddr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("http", "err", err)
		os.Exit(1)
	}
}
