// Package invoicing issues last month's invoice to every tenant.
package invoicing

import (
	"context"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/jobs"
	"github.com/ledgerly/people/services/billing/server"
)

// Job issues invoices.
type Job struct {
	Invoicer *server.Invoicer
}

// Name implements jobs.TenantJob.
func (Job) Name() string { return "billing.monthly_invoices" }

// Schedule implements jobs.TenantJob.
func (Job) Schedule() jobs.Schedule { return jobs.MonthlyOn(1) }

// RunTenant implements jobs.TenantJob.
func (j Job) RunTenant(ctx context.Context, tenantID string) error {
	today := dates.Today()
	end := today.AddDays(-today.Day())
	start := end.AddDays(1 - end.Day())
	_, err := j.Invoicer.Issue(ctx, tenantID, dates.Period{Start: start, End: end})
	if errs.Is(err, errs.Conflict) {
		return nil // already issued by a previous attempt
	}
	return err
}
