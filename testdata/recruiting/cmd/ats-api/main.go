// Command ats-api serves the Hirebase HTTP API, the public career sites,
// job-board feeds and third-party webhooks.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	appaccounts "github.com/hirebase/ats/internal/app/accounts"
	appanalytics "github.com/hirebase/ats/internal/app/analytics"
	appbilling "github.com/hirebase/ats/internal/app/billing"
	"github.com/hirebase/ats/internal/app/billing/payclient"
	appcandidates "github.com/hirebase/ats/internal/app/candidates"
	appinterviews "github.com/hirebase/ats/internal/app/interviews"
	appoffers "github.com/hirebase/ats/internal/app/offers"
	apppipeline "github.com/hirebase/ats/internal/app/pipeline"
	apppostings "github.com/hirebase/ats/internal/app/postings"
	apprequisitions "github.com/hirebase/ats/internal/app/requisitions"
	"github.com/hirebase/ats/internal/calendarsync"
	"github.com/hirebase/ats/internal/careersite"
	"github.com/hirebase/ats/internal/careersite/feeds"
	dbaccounts "github.com/hirebase/ats/internal/db/accounts"
	dbanalytics "github.com/hirebase/ats/internal/db/analytics"
	dbbilling "github.com/hirebase/ats/internal/db/billing"
	dbcandidates "github.com/hirebase/ats/internal/db/candidates"
	dbinterviews "github.com/hirebase/ats/internal/db/interviews"
	dboffers "github.com/hirebase/ats/internal/db/offers"
	dbpipeline "github.com/hirebase/ats/internal/db/pipeline"
	dbpostings "github.com/hirebase/ats/internal/db/postings"
	dbrequisitions "github.com/hirebase/ats/internal/db/requisitions"
	httpaccounts "github.com/hirebase/ats/internal/http/accounts"
	httpanalytics "github.com/hirebase/ats/internal/http/analytics"
	httpbilling "github.com/hirebase/ats/internal/http/billing"
	httpcandidates "github.com/hirebase/ats/internal/http/candidates"
	httpinterviews "github.com/hirebase/ats/internal/http/interviews"
	"github.com/hirebase/ats/internal/http/middleware"
	httpoffers "github.com/hirebase/ats/internal/http/offers"
	httppipeline "github.com/hirebase/ats/internal/http/pipeline"
	httppostings "github.com/hirebase/ats/internal/http/postings"
	httprequisitions "github.com/hirebase/ats/internal/http/requisitions"
	"github.com/hirebase/ats/internal/platform/config"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/httpx"
	"github.com/hirebase/ats/internal/platform/logging"
	"github.com/hirebase/ats/internal/platform/mailer"
	"github.com/hirebase/ats/internal/referrals"
	"github.com/hirebase/ats/internal/resumes"
	"github.com/hirebase/ats/internal/screening"
	"github.com/hirebase/ats/internal/screening/vendor"
	"github.com/hirebase/ats/internal/search"
)

func main() {
	cfg, err := config.Load()
	log := logging.New(cfg.Env, "api")
	if err != nil {
		log.Error("config", "err", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, err := dbx.Open(ctx, cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("database", "err", err)
		os.Exit(1)
	}
	defer db.Close()

	bus := events.NewBus(db, log)
	mail := mailer.New(cfg.SMTPHost, cfg.SMTPPort, cfg.MailFrom, log)

	// Stores.
	accountStore := dbaccounts.New(db)
	billingStore := dbbilling.New(db)
	reqStore := dbrequisitions.New(db)
	postingStore := dbpostings.New(db)
	candStore := dbcandidates.New(db)
	pipeStore := dbpipeline.New(db)
	ivStore := dbinterviews.New(db)
	offerStore := dboffers.New(db)
	analyticsStore := dbanalytics.New(db)
	resumeStore := resumes.New(cfg.ResumeDir, db)
	index := search.New(db)
	cal := calendarsync.New(cfg.CalendarBaseURL, db)

	// Services.
	billing := appbilling.New(billingStore, accountStore, payclient.New(cfg.PaymentBaseURL, cfg.PaymentAPIKey), bus, mail, log)
	accounts := appaccounts.New(accountStore, db, billing, mail, log)
	reqs := apprequisitions.New(reqStore, accounts, billing, bus, mail, log)
	postings := apppostings.New(postingStore, reqs, bus, log)
	candidates := appcandidates.New(candStore, resumeStore, index, bus, log)
	pipeline := apppipeline.New(pipeStore, reqs, candStore, bus, mail, log)
	interviews := appinterviews.New(ivStore, pipeline, accounts, cal, bus, log)
	offers := appoffers.New(offerStore, reqs, pipeline, candidates, accounts, bus, mail, log, cfg.CareerSiteBaseURL)
	refs := referrals.New(db, candStore, pipeStore, reqs, bus, mail, log, cfg.ReferralBonusDelay)
	checks := screening.New(db, vendor.New(cfg.ScreeningBaseURL, cfg.ScreeningAPIKey), bus, mail, log, cfg.ScreeningWebhookSecret)
	analytics := appanalytics.New(analyticsStore, log)

	subscribe(bus, postings, pipeline, refs, analytics)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"db": err.Error()})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	httpaccounts.New(accounts).Register(mux)
	httpbilling.New(billing, billingStore).Register(mux)
	httprequisitions.New(reqs).Register(mux)
	httppostings.New(postings, postingStore).Register(mux)
	httpcandidates.New(candidates).Register(mux)
	httppipeline.New(pipeline).Register(mux)
	httpinterviews.New(interviews, pipeline, reqStore, cal).Register(mux)
	httpoffers.New(offers).Register(mux)
	httpanalytics.New(analytics).Register(mux)
	refs.Register(mux)
	checks.Register(mux)
	careersite.New(db, postingStore, resumeStore, bus).Register(mux)
	feeds.New(db, cfg.CareerSiteBaseURL).Register(mux)

	handler := middleware.Chain(mux,
		middleware.Recover,
		middleware.RequestLog(log),
		middleware.Auth(accountStore, "/healthz", "/signup", "/careers/", "/feeds/", "/webhooks/", "/offers/respond/"),
	)
	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
	}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Info("listening", "addr", cfg.HTTPAddr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("server", "err", err)
		os.Exit(1)
	}
}

// subscribe wires cross-context event reactions.
func subscribe(bus *events.Bus, postings *apppostings.Service, pipeline *apppipeline.Service, refs *referrals.Service, analytics *appanalytics.Service) {
	bus.Subscribe(events.RequisitionFilled, postings.OnRequisitionEnded)
	bus.Subscribe(events.RequisitionClosed, postings.OnRequisitionEnded)
	bus.Subscribe(events.RequisitionFilled, pipeline.OnRequisitionEnded)
	bus.Subscribe(events.RequisitionClosed, pipeline.OnRequisitionEnded)
	bus.Subscribe(events.ApplicationHired, refs.OnHired)
	bus.Subscribe(events.ApplicationRejected, refs.OnRejected)
	for _, name := range []string{events.ApplicationCreated, events.ApplicationStageMoved, events.ApplicationRejected,
		events.ApplicationHired, events.OfferDeclined} {
		bus.Subscribe(name, analytics.OnEvent)
	}
}
