// Package nightly is the 02:00 UTC batch: invoicing, report snapshots
// and housekeeping. It grew by accretion; each step is independent.
package nightly

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"pipelinelabs.io/crm/internal/accounts"
	"pipelinelabs.io/crm/internal/audit"
	"pipelinelabs.io/crm/internal/billing/invoices"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/reporting"
)

// Job runs the nightly batch.
type Job struct {
	Invoices *invoices.Generator
	Metrics  *reporting.Metrics
	Accounts *accounts.Service
	Audit    *audit.Recorder
	Clock    clock.Clock
	Log      *slog.Logger
}

func (j *Job) Name() string { return "nightly" }

func (j *Job) Run(ctx context.Context) error {
	var errs []error
	if n, err := j.Invoices.GenerateDue(ctx); err != nil {
		errs = append(errs, err)
	} else {
		j.Log.Info("invoices issued", "count", n)
	}
	if ids, err := j.Accounts.Repo.ActiveTenantIDs(ctx); err != nil {
		errs = append(errs, err)
	} else if n, err := j.Metrics.Snapshot(ctx, ids); err != nil {
		errs = append(errs, err)
	} else {
		j.Log.Info("report snapshots", "count", n)
	}
	if _, err := j.Accounts.PurgeExpiredSessions(ctx); err != nil {
		errs = append(errs, err)
	}
	// Enterprise retention is the longest; shorter plans are filtered at read time.
	if _, err := j.Audit.Purge(ctx, 730*24*time.Hour); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
