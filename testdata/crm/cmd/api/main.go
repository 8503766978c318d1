// Command api serves the Pipeline Labs REST API.
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

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/accounts/signup"
	"pipelinelabs.io/crm/internal/activities"
	"pipelinelabs.io/crm/internal/activities/tasks"
	"pipelinelabs.io/crm/internal/activities/timeline"
	"pipelinelabs.io/crm/internal/audit"
	"pipelinelabs.io/crm/internal/billing"
	"pipelinelabs.io/crm/internal/billing/invoices"
	"pipelinelabs.io/crm/internal/contacts"
	"pipelinelabs.io/crm/internal/contacts/companies"
	"pipelinelabs.io/crm/internal/contacts/dedupe"
	"pipelinelabs.io/crm/internal/contacts/importer"
	"pipelinelabs.io/crm/internal/contacts/segments"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/deals/forecast"
	"pipelinelabs.io/crm/internal/deals/stages"
	"pipelinelabs.io/crm/internal/email/mailboxes"
	"pipelinelabs.io/crm/internal/email/sequences"
	"pipelinelabs.io/crm/internal/email/sync"
	"pipelinelabs.io/crm/internal/email/templates"
	"pipelinelabs.io/crm/internal/httpapi"
	"pipelinelabs.io/crm/internal/httpapi/accountsapi"
	"pipelinelabs.io/crm/internal/httpapi/activitiesapi"
	"pipelinelabs.io/crm/internal/httpapi/auditapi"
	"pipelinelabs.io/crm/internal/httpapi/billingapi"
	"pipelinelabs.io/crm/internal/httpapi/contactsapi"
	"pipelinelabs.io/crm/internal/httpapi/dealsapi"
	"pipelinelabs.io/crm/internal/httpapi/emailapi"
	"pipelinelabs.io/crm/internal/httpapi/integrationsapi"
	"pipelinelabs.io/crm/internal/httpapi/reportsapi"
	"pipelinelabs.io/crm/internal/integrations/webhooks"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/config"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/logging"
	"pipelinelabs.io/crm/internal/platform/mailer"
	"pipelinelabs.io/crm/internal/reporting"
	"pipelinelabs.io/crm/internal/reporting/dashboards"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.LogLevel, cfg.LogFormat)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, log); err != nil {
		log.Error("api stopped", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	sqlDB, err := db.Open(ctx, cfg.DatabaseURL, cfg.DBMaxConns)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	clk := clock.System{}
	httpClient := &http.Client{Timeout: 15 * time.Second}

	// In-process handlers run synchronously; the outbox feeds the worker.
	bus := events.NewBus(log)
	pub := events.Tee{bus, &events.Outbox{DB: sqlDB}}

	var mail mailer.Sender = mailer.Log{L: log}
	if cfg.Production() {
		mail = &mailer.SMTP{Addr: cfg.SMTPAddr, Username: cfg.SMTPUser, Password: cfg.SMTPPassword, From: cfg.SystemFrom}
	}
	auditRec := &audit.Recorder{DB: sqlDB, Clock: clk}
	teams := &permissions.Teams{DB: sqlDB}

	// contacts
	contactRepo := &contacts.Repo{DB: sqlDB}
	companyStore := &companies.Store{DB: sqlDB}
	contactSvc := &contacts.Service{Repo: contactRepo, Companies: companyStore, Teams: teams, Events: pub, Clock: clk}
	segmentSvc := &segments.Service{DB: sqlDB}

	// billing
	gateway := &billing.Stripe{BaseURL: cfg.StripeBaseURL, APIKey: cfg.StripeAPIKey, HTTP: httpClient}
	billingSvc := &billing.Service{DB: sqlDB, Gateway: gateway, Contacts: contactSvc, Events: pub, Clock: clk, TrialDays: cfg.TrialDays}
	contactSvc.Limits = billingSvc
	metrics := &reporting.Metrics{DB: sqlDB, Clock: clk}
	invoiceGen := &invoices.Generator{DB: sqlDB, Billing: billingSvc, Usage: metrics, Gateway: gateway, Clock: clk, Log: log}

	// accounts
	accountRepo := &accounts.Repo{DB: sqlDB}
	accountSvc := &accounts.Service{Repo: accountRepo, Seats: billingSvc, Events: pub, Audit: auditRec, Mail: mail,
		Clock: clk, SessionTTL: cfg.SessionTTL, AppURL: cfg.PublicURL}
	signupSvc := &signup.Service{DB: sqlDB, Accounts: accountSvc, Billing: billingSvc, Events: pub, Clock: clk}

	// email
	mailboxStore := &mailboxes.Store{DB: sqlDB}
	providers := mailboxes.Providers{"gmail": &mailboxes.Gmail{BaseURL: cfg.GmailBaseURL, TokenURL: "https://oauth2.googleapis.com/token",
		ClientID: cfg.GmailClientID, ClientSecret: cfg.GmailClientSecret, Store: mailboxStore, HTTP: httpClient}}
	templateStore := &templates.Store{DB: sqlDB}
	sequenceSvc := &sequences.Service{DB: sqlDB, Mailboxes: mailboxStore, Providers: providers, Templates: templateStore,
		Contacts: contactSvc, Companies: companyStore, Users: accountRepo, Segments: segmentSvc, Events: pub, Clock: clk, Log: log}
	syncer := &sync.Syncer{DB: sqlDB, Mailboxes: mailboxStore, Providers: providers, Contacts: contactRepo, Events: pub, Clock: clk, Log: log}

	// deals
	stageStore := &stages.Store{DB: sqlDB}
	dealRepo := &deals.Repo{DB: sqlDB}
	dealSvc := &deals.Service{Repo: dealRepo, Stages: stageStore, Contacts: contactSvc, Companies: companyStore, Teams: teams,
		Events: pub, Clock: clk, Currency: "usd"}
	forecastSvc := &forecast.Service{Deals: dealRepo, Stages: stageStore, Clock: clk, Currency: "usd"}
	automation := &stages.Automation{Store: stageStore, Sequences: sequenceSvc, Log: log}
	dedupeSvc := &dedupe.Service{DB: sqlDB, Contacts: contactRepo, Deals: dealRepo, Events: pub, Clock: clk}
	importSvc := &importer.Service{DB: sqlDB, Contacts: contactSvc, Companies: companyStore, Events: pub, Clock: clk}

	// activities
	activitySvc := &activities.Service{DB: sqlDB, Contacts: contactSvc, Deals: dealSvc, Events: pub, Clock: clk}
	taskSvc := &tasks.Service{DB: sqlDB, Events: pub, Clock: clk}
	timelineSvc := &timeline.Builder{DB: sqlDB, Activities: activitySvc, Tasks: taskSvc, Emails: syncer}

	// integrations & reporting
	webhookSvc := &webhooks.Service{DB: sqlDB, HTTP: httpClient, Clock: clk, Log: log}
	dashboardSvc := &dashboards.Service{DB: sqlDB, Metrics: metrics, Forecast: forecastSvc}

	// synchronous subscribers
	auditRec.SubscribeTo(bus)
	accountSvc.SubscribeTo(bus)
	automation.SubscribeTo(bus)
	dealSvc.SubscribeTo(bus)
	activitySvc.SubscribeTo(bus)
	timelineSvc.SubscribeTo(bus)

	h := httpapi.New(cfg, log, accountSvc,
		&accountsapi.Handler{Accounts: accountSvc, Signup: signupSvc, Teams: teams},
		&contactsapi.Handler{Contacts: contactSvc, Companies: companyStore, Segments: segmentSvc, Dedupe: dedupeSvc, Importer: importSvc, Deals: dealSvc},
		&dealsapi.Handler{Deals: dealSvc, Stages: stageStore, Forecast: forecastSvc},
		&activitiesapi.Handler{Activities: activitySvc, Tasks: taskSvc, Timeline: timelineSvc},
		&emailapi.Handler{Mailboxes: mailboxStore, Templates: templateStore, Sequences: sequenceSvc},
		&billingapi.Handler{Billing: billingSvc, Invoices: invoiceGen, WebhookSecret: cfg.StripeWebhookSecret},
		&reportsapi.Handler{Metrics: metrics, Dashboards: dashboardSvc, Teams: teams},
		&integrationsapi.Handler{Webhooks: webhookSvc},
		&auditapi.Handler{Audit: auditRec},
	)
	srv := httpapi.Server(cfg.HTTPAddr, h)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("api listening", "addr", cfg.HTTPAddr, "version", httpapi.Version)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
