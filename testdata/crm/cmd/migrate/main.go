// Command migrate applies every context's schema migrations.
package main

import (
	"context"
	"os"

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/activities"
	"pipelinelabs.io/crm/internal/audit"
	"pipelinelabs.io/crm/internal/billing"
	"pipelinelabs.io/crm/internal/contacts"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/deals/stages"
	"pipelinelabs.io/crm/internal/email/mailboxes"
	"pipelinelabs.io/crm/internal/email/sequences"
	"pipelinelabs.io/crm/internal/email/sync"
	"pipelinelabs.io/crm/internal/email/templates"
	"pipelinelabs.io/crm/internal/integrations/webhooks"
	"pipelinelabs.io/crm/internal/platform/config"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/logging"
	"pipelinelabs.io/crm/internal/reporting"
	"pipelinelabs.io/crm/internal/reporting/dashboards"
)

func main() {
	cfg, err := config.Load()
	log := logging.New(cfg.LogLevel, "text")
	if err != nil {
		log.Error("config", "err", err)
		os.Exit(1)
	}
	ctx := context.Background()
	sqlDB, err := db.Open(ctx, cfg.DatabaseURL, 2)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer sqlDB.Close()
	var all []db.Migration
	for _, ms := range [][]db.Migration{
		events.Migrations, accounts.Migrations, audit.Migrations, billing.Migrations, contacts.Migrations,
		stages.Migrations, deals.Migrations, activities.Migrations,
		mailboxes.Migrations, templates.Migrations, sequences.Migrations, sync.Migrations,
		reporting.Migrations, dashboards.Migrations, webhooks.Migrations,
	} {
		all = append(all, ms...)
	}
	n, err := db.Migrate(ctx, sqlDB, log, all)
	if err != nil {
		log.Error("migrate", "err", err, "applied", n)
		os.Exit(1)
	}
	log.Info("migrations done", "applied", n, "known", len(all))
}
