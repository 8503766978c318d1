// Command ats-worker runs Hirebase's periodic background jobs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	appaccounts "github.com/hirebase/ats/internal/app/accounts"
	appanalytics "github.com/hirebase/ats/internal/app/analytics"
	appbilling "github.com/hirebase/ats/internal/app/billing"
	"github.com/hirebase/ats/internal/app/billing/payclient"
	appcandidates "github.com/hirebase/ats/internal/app/candidates"
	appoffers "github.com/hirebase/ats/internal/app/offers"
	apppipeline "github.com/hirebase/ats/internal/app/pipeline"
	apppostings "github.com/hirebase/ats/internal/app/postings"
	apprequisitions "github.com/hirebase/ats/internal/app/requisitions"
	dbaccounts "github.com/hirebase/ats/internal/db/accounts"
	dbanalytics "github.com/hirebase/ats/internal/db/analytics"
	dbbilling "github.com/hirebase/ats/internal/db/billing"
	dbcandidates "github.com/hirebase/ats/internal/db/candidates"
	dboffers "github.com/hirebase/ats/internal/db/offers"
	dbpipeline "github.com/hirebase/ats/internal/db/pipeline"
	dbpostings "github.com/hirebase/ats/internal/db/postings"
	dbrequisitions "github.com/hirebase/ats/internal/db/requisitions"
	"github.com/hirebase/ats/internal/platform/config"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/jobs"
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
	log := logging.New(cfg.Env, "worker")
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
	accountStore := dbaccounts.New(db)
	candStore := dbcandidates.New(db)
	pipeStore := dbpipeline.New(db)

	billing := appbilling.New(dbbilling.New(db), accountStore, payclient.New(cfg.PaymentBaseURL, cfg.PaymentAPIKey), bus, mail, log)
	accounts := appaccounts.New(accountStore, db, billing, mail, log)
	reqs := apprequisitions.New(dbrequisitions.New(db), accounts, billing, bus, mail, log)
	postings := apppostings.New(dbpostings.New(db), reqs, bus, log)
	candidates := appcandidates.New(candStore, resumes.New(cfg.ResumeDir, db), search.New(db), bus, log)
	pipeline := apppipeline.New(pipeStore, reqs, candStore, bus, mail, log)
	offers := appoffers.New(dboffers.New(db), reqs, pipeline, candidates, accounts, bus, mail, log, cfg.CareerSiteBaseURL)
	refs := referrals.New(db, candStore, pipeStore, reqs, bus, mail, log, cfg.ReferralBonusDelay)
	checks := screening.New(db, vendor.New(cfg.ScreeningBaseURL, cfg.ScreeningAPIKey), bus, mail, log, cfg.ScreeningWebhookSecret)
	analytics := appanalytics.New(dbanalytics.New(db), log)

	// Jobs below publish events (auto-rejections, expiries); keep the
	// rollups and referral statuses in step.
	bus.Subscribe(events.ApplicationRejected, refs.OnRejected)
	bus.Subscribe(events.ApplicationRejected, analytics.OnEvent)

	r := jobs.NewRunner(log)
	r.Register(jobs.Job{Name: "billing.cycle", Every: time.Hour, Run: billing.RunCycle})
	r.Register(jobs.Job{Name: "billing.meter_seats", Every: 6 * time.Hour, Run: billing.MeterSeats})
	r.Register(jobs.Job{Name: "postings.expire", Every: 15 * time.Minute, Run: postings.ExpireStale})
	r.Register(jobs.Job{Name: "pipeline.automation", Every: time.Hour, Run: pipeline.RunAutomation})
	r.Register(jobs.Job{Name: "offers.expire", Every: 15 * time.Minute, Run: offers.ExpireStale})
	r.Register(jobs.Job{Name: "referrals.release_bonuses", Every: 24 * time.Hour, Run: refs.ReleaseBonuses})
	r.Register(jobs.Job{Name: "screening.poll", Every: time.Hour, Run: checks.PollPending})
	r.Register(jobs.Job{Name: "analytics.snapshots", Every: 24 * time.Hour, Run: analytics.BuildSnapshots})
	log.Info("worker started", "tick", cfg.WorkerTick)
	r.Start(ctx)
	log.Info("worker stopped")
}
