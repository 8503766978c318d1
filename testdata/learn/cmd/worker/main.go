// Command worker runs the outbox relay, event consumers and periodic jobs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"quill.dev/academy/integrations/muxvideo"
	"quill.dev/academy/integrations/stripe"
	"quill.dev/academy/integrations/turnitin"
	"quill.dev/academy/jobs/reminders"
	"quill.dev/academy/jobs/renewals"
	"quill.dev/academy/jobs/runner"
	"quill.dev/academy/pkg/assessment/grading"
	assessrepo "quill.dev/academy/pkg/assessment/repo"
	assessworker "quill.dev/academy/pkg/assessment/worker"
	billingrepo "quill.dev/academy/pkg/billing/repo"
	billing "quill.dev/academy/pkg/billing/service"
	catrepo "quill.dev/academy/pkg/catalog/repo"
	"quill.dev/academy/pkg/certs/issuer"
	enrollment "quill.dev/academy/pkg/enrollment/service"
	enrollstore "quill.dev/academy/pkg/enrollment/store"
	idrepo "quill.dev/academy/pkg/identity/repo"
	identity "quill.dev/academy/pkg/identity/service"
	mediarepo "quill.dev/academy/pkg/media/repo"
	"quill.dev/academy/pkg/media/transcode"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/config"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/mailer"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	logger := log.New(cfg.Env, "worker", os.Stderr)
	pool, err := db.Open(cfg)
	if err != nil {
		logger.Error("db", "err", err)
		os.Exit(1)
	}
	defer pool.Close()
	clk := clock.Real
	mail := mailer.New(cfg.Env, cfg.SMTPAddr, cfg.MailFrom)

	cat := catrepo.New(pool)
	bill := &billing.Service{Pool: pool, Repo: billingrepo.New(pool), Stripe: stripe.New(cfg.StripeKey), Clock: clk, BaseURL: cfg.PublicBaseURL}
	enrQ := enrollstore.New(pool)
	enr := &enrollment.Service{Pool: pool, Q: enrQ, Catalog: cat, Billing: bill, Clock: clk}
	users := &identity.Service{Pool: pool, Users: idrepo.NewUsers(pool), Sessions: idrepo.NewSessions(pool), Mail: mail, Clock: clk}
	assess := assessrepo.New(pool)
	mux := muxvideo.New(cfg.MuxTokenID, cfg.MuxTokenSecret)

	bus := events.NewBus()
	enr.Subscribe(bus)
	(&issuer.Issuer{Pool: pool, Courses: cat, Mail: mail, Clock: clk, BaseURL: cfg.PublicBaseURL}).Subscribe(bus)

	jobs := &runner.Runner{Clock: clk, Log: logger}
	jobs.Add(renewals.Job{Billing: bill}, time.Hour)
	jobs.Add(reminders.Job{Q: enrQ, Users: users, Courses: cat, Mail: mail, BaseURL: cfg.PublicBaseURL}, time.Hour)
	jobs.Add(assessworker.PlagiarismJob{Repo: assess, Turnitin: turnitin.New(cfg.TurnitinKey),
		Grading: &grading.Service{Pool: pool, Repo: assess, Enrollments: enr, Clock: clk}}, time.Minute)
	jobs.Add(transcode.StuckJob{P: &transcode.Pipeline{Pool: pool, Repo: mediarepo.New(pool), Mux: mux, Clock: clk, Lessons: cat}}, 10*time.Minute)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx = log.WithContext(ctx, logger)
	logger.Info("worker starting", "jobs", jobs.Jobs())
	go jobs.Start(ctx)
	if err := (&events.Relay{Pool: pool, Bus: bus}).Run(ctx); err != nil && err != context.Canceled {
		logger.Error("relay", "err", err)
		os.Exit(1)
	}
}
