// Command worker runs background jobs and relays outbox events to the
// asynchronous subscribers (webhooks, Slack, sequences).
package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/activities/tasks"
	"pipelinelabs.io/crm/internal/audit"
	"pipelinelabs.io/crm/internal/billing"
	"pipelinelabs.io/crm/internal/billing/invoices"
	"pipelinelabs.io/crm/internal/contacts"
	"pipelinelabs.io/crm/internal/contacts/companies"
	"pipelinelabs.io/crm/internal/contacts/segments"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/deals/stages"
	"pipelinelabs.io/crm/internal/email/mailboxes"
	"pipelinelabs.io/crm/internal/email/sequences"
	"pipelinelabs.io/crm/internal/email/sync"
	"pipelinelabs.io/crm/internal/email/templates"
	"pipelinelabs.io/crm/internal/integrations/webhooks"
	"pipelinelabs.io/crm/internal/jobs/dealrot"
	"pipelinelabs.io/crm/internal/jobs/mailsync"
	"pipelinelabs.io/crm/internal/jobs/nightly"
	"pipelinelabs.io/crm/internal/jobs/reminders"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/config"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/logging"
	"pipelinelabs.io/crm/internal/platform/mailer"
	"pipelinelabs.io/crm/internal/platform/queue"
	"pipelinelabs.io/crm/internal/reporting"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.LogLevel, cfg.LogFormat).With("proc", "worker")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sqlDB, err := db.Open(ctx, cfg.DatabaseURL, cfg.DBMaxConns)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer sqlDB.Close()
	clk := clock.System{}
	httpClient := &http.Client{Timeout: 15 * time.Second}
	bus := events.NewBus(log)
	outbox := &events.Outbox{DB: sqlDB}
	var mail mailer.Sender = &mailer.SMTP{Addr: cfg.SMTPAddr, Username: cfg.SMTPUser, Password: cfg.SMTPPassword, From: cfg.SystemFrom}
	if !cfg.Production() {
		mail = mailer.Log{L: log}
	}

	accountRepo := &accounts.Repo{DB: sqlDB}
	auditRec := &audit.Recorder{DB: sqlDB, Clock: clk}
	accountSvc := &accounts.Service{Repo: accountRepo, Events: outbox, Audit: auditRec, Mail: mail, Clock: clk, SessionTTL: cfg.SessionTTL}
	contactRepo := &contacts.Repo{DB: sqlDB}
	companyStore := &companies.Store{DB: sqlDB}
	contactSvc := &contacts.Service{Repo: contactRepo, Companies: companyStore, Events: outbox, Clock: clk}
	gateway := &billing.Stripe{BaseURL: cfg.StripeBaseURL, APIKey: cfg.StripeAPIKey, HTTP: httpClient}
	billingSvc := &billing.Service{DB: sqlDB, Gateway: gateway, Contacts: contactSvc, Events: outbox, Clock: clk, TrialDays: cfg.TrialDays}
	metrics := &reporting.Metrics{DB: sqlDB, Clock: clk}

	mailboxStore := &mailboxes.Store{DB: sqlDB}
	providers := mailboxes.Providers{"gmail": &mailboxes.Gmail{BaseURL: cfg.GmailBaseURL, TokenURL: "https://oauth2.googleapis.com/token",
		ClientID: cfg.GmailClientID, ClientSecret: cfg.GmailClientSecret, Store: mailboxStore, HTTP: httpClient}}
	sequenceSvc := &sequences.Service{DB: sqlDB, Mailboxes: mailboxStore, Providers: providers, Templates: &templates.Store{DB: sqlDB},
		Contacts: contactSvc, Companies: companyStore, Users: accountRepo, Segments: &segments.Service{DB: sqlDB}, Events: outbox, Clock: clk, Log: log}
	syncer := &sync.Syncer{DB: sqlDB, Mailboxes: mailboxStore, Providers: providers, Contacts: contactRepo, Events: outbox, Clock: clk, Log: log}

	dealRepo := &deals.Repo{DB: sqlDB}
	stageStore := &stages.Store{DB: sqlDB}
	taskSvc := &tasks.Service{DB: sqlDB, Events: outbox, Clock: clk}
	webhookSvc := &webhooks.Service{DB: sqlDB, HTTP: httpClient, Clock: clk, Log: log}

	// asynchronous subscribers, fed by the outbox relay
	webhookSvc.SubscribeTo(bus)
	sequenceSvc.SubscribeTo(bus)

	s := queue.NewScheduler(log, sqlDB)
	s.Every(2*time.Second, &events.Relay{DB: sqlDB, Bus: bus, Log: log})
	s.Every(10*time.Second, queue.JobFunc{N: "webhooks.deliver", Fn: func(ctx context.Context) error {
		_, err := webhookSvc.DeliverPending(ctx, 100)
		return err
	}})
	s.Every(time.Minute, &mailsync.SyncJob{Syncer: syncer, Interval: 5 * time.Minute})
	s.Singleton(time.Minute, &mailsync.SequenceJob{Sequences: sequenceSvc, Log: log})
	s.Singleton(5*time.Minute, &reminders.Job{Tasks: taskSvc, Users: accountRepo, Mail: mail, Clock: clk, AppURL: cfg.PublicURL})
	s.Singleton(time.Hour, &dealrot.Job{Tenants: accountRepo, Deals: dealRepo, Stages: stageStore, Tasks: taskSvc, Clock: clk, DefaultDays: cfg.DealRotDefault})
	s.Singleton(24*time.Hour, &nightly.Job{Invoices: &invoices.Generator{DB: sqlDB, Billing: billingSvc, Usage: metrics, Gateway: gateway, Clock: clk, Log: log},
		Metrics: metrics, Accounts: accountSvc, Audit: auditRec, Clock: clk, Log: log})
	s.Start(ctx)
	log.Info("worker stopped")
}
