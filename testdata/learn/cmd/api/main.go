// Command api is the Quill Academy HTTP API server (all modules in one
// process). Set -relay on single-node deployments to also deliver events.
package main

import (
	"context"
	"flag"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"quill.dev/academy/integrations/muxvideo"
	"quill.dev/academy/integrations/stripe"
	"quill.dev/academy/jobs/reindex"
	"quill.dev/academy/jobs/runner"
	assessapi "quill.dev/academy/pkg/assessment/api"
	"quill.dev/academy/pkg/assessment/grading"
	assessrepo "quill.dev/academy/pkg/assessment/repo"
	billingapi "quill.dev/academy/pkg/billing/api"
	billingrepo "quill.dev/academy/pkg/billing/repo"
	billing "quill.dev/academy/pkg/billing/service"
	catalogapi "quill.dev/academy/pkg/catalog/api"
	"quill.dev/academy/pkg/catalog/authoring"
	"quill.dev/academy/pkg/catalog/pricing"
	"quill.dev/academy/pkg/catalog/publish"
	catrepo "quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/catalog/search"
	certsapi "quill.dev/academy/pkg/certs/api"
	"quill.dev/academy/pkg/certs/issuer"
	enrollapi "quill.dev/academy/pkg/enrollment/api"
	"quill.dev/academy/pkg/enrollment/progress"
	enrollment "quill.dev/academy/pkg/enrollment/service"
	enrollstore "quill.dev/academy/pkg/enrollment/store"
	forumapi "quill.dev/academy/pkg/forum/api"
	forumstore "quill.dev/academy/pkg/forum/store"
	identityapi "quill.dev/academy/pkg/identity/api"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/identity/profile"
	idrepo "quill.dev/academy/pkg/identity/repo"
	identity "quill.dev/academy/pkg/identity/service"
	mediaapi "quill.dev/academy/pkg/media/api"
	mediarepo "quill.dev/academy/pkg/media/repo"
	"quill.dev/academy/pkg/media/transcode"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/config"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/httpx"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/mailer"
	"quill.dev/academy/pkg/platform/rpcx"
)

func main() {
	relay := flag.Bool("relay", false, "also run the outbox relay and event consumers")
	flag.Parse()
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	logger := log.New(cfg.Env, "api", os.Stderr)
	pool, err := db.Open(cfg)
	if err != nil {
		logger.Error("db", "err", err)
		os.Exit(1)
	}
	defer pool.Close()
	clk := clock.Real
	mail := mailer.New(cfg.Env, cfg.SMTPAddr, cfg.MailFrom)
	bus := events.NewBus()

	signer := auth.NewSigner(cfg.TokenSecret, cfg.TokenTTL)
	ids := &identity.Service{Pool: pool, Users: idrepo.NewUsers(pool), Sessions: idrepo.NewSessions(pool), Signer: signer,
		Mail: mail, Clock: clk, BaseURL: cfg.PublicBaseURL}
	billRepo := billingrepo.New(pool)
	bill := &billing.Service{Pool: pool, Repo: billRepo, Stripe: stripe.New(cfg.StripeKey), Clock: clk,
		BaseURL: cfg.PublicBaseURL, Webhook: cfg.StripeWebhookSecret}
	cat := catrepo.New(pool)
	index := search.New()
	index.Subscribe(bus, cat)
	enrQ := enrollstore.New(pool)
	enr := &enrollment.Service{Pool: pool, Q: enrQ, Catalog: cat, Billing: bill, Clock: clk}
	assess := assessrepo.New(pool)
	mux := muxvideo.New(cfg.MuxTokenID, cfg.MuxTokenSecret)
	mediaRepo := mediarepo.New(pool)
	certs := &issuer.Issuer{Pool: pool, Courses: cat, Mail: mail, Clock: clk, BaseURL: cfg.PublicBaseURL}

	billingH := &billingapi.Handler{Svc: bill, Users: ids, Courses: cat}
	enrollH := &enrollapi.Handler{Svc: enr, Tracker: &progress.Tracker{Pool: pool, Q: enrQ, Lessons: cat, Clock: clk}}
	modules := []httpx.Module{
		&identityapi.Handler{Svc: ids, Profiles: profile.NewStore(pool), Billing: billRepo, Clock: clk},
		&catalogapi.Handler{Repo: cat, Studio: &authoring.Service{Repo: cat, Clock: clk},
			Workflow: &publish.Workflow{Pool: pool, Repo: cat, Clock: clk}, Index: index,
			Pricing: &pricing.Calculator{DB: pool}, Profiles: profile.NewStore(pool), Tiers: bill, Enrollments: enrQ, Clock: clk},
		enrollH,
		billingH,
		&assessapi.Handler{Repo: assess, Grading: &grading.Service{Pool: pool, Repo: assess, Enrollments: enr, Clock: clk}},
		&mediaapi.Handler{Repo: mediaRepo, Mux: mux, Clock: clk,
			Pipeline: &transcode.Pipeline{Pool: pool, Repo: mediaRepo, Mux: mux, Clock: clk, Lessons: cat}},
		&forumapi.Handler{Pool: pool, Store: forumstore.New(pool), Users: ids, Quizzes: assess, Clock: clk},
		&certsapi.Handler{Issuer: certs},
	}
	router := http.NewServeMux()
	for _, m := range modules {
		m.Routes(router)
	}
	rpc := rpcx.NewServer()
	billingH.RegisterRPC(rpc)
	enrollH.RegisterRPC(rpc)
	router.Handle("POST /rpc/", rpc)
	router.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.Ping(r.Context(), pool); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"db": err.Error()})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]any{"ok": true, "search_docs": index.Len(), "rpc": rpc.Methods()})
	})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx = log.WithContext(ctx, logger)

	jobs := &runner.Runner{Clock: clk, Log: logger}
	jobs.Add(reindex.Job{Repo: cat, Index: index}, 15*time.Minute)
	go func() {
		if _, err := jobs.RunOnce(ctx, "catalog.reindex"); err != nil {
			logger.Error("initial reindex", "err", err)
		}
		jobs.Start(ctx)
	}()
	if *relay {
		enr.Subscribe(bus)
		certs.Subscribe(bus)
		go func() { _ = (&events.Relay{Pool: pool, Bus: bus}).Run(ctx) }()
	}

	srv := &http.Server{Addr: cfg.HTTPAddr, ReadHeaderTimeout: 10 * time.Second,
		Handler: httpx.Chain(router, httpx.Recover(), httpx.RequestLogger(logger), auth.Middleware(signer, ids, clk))}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	logger.Info("listening", "addr", cfg.HTTPAddr)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		logger.Error("server", "err", err)
		os.Exit(1)
	}
}
