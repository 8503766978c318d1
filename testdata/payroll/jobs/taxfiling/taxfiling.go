// Package taxfiling prepares quarterly returns and submits those coming due.
package taxfiling

import (
	"context"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/jobs"
	"github.com/ledgerly/people/pkg/log"
	"github.com/ledgerly/people/pkg/notify"
	"github.com/ledgerly/people/services/tax/filing"
	"github.com/ledgerly/people/services/tax/store"
)

// PrepareQuarter drafts last quarter's filings early in each quarter.
type PrepareQuarter struct {
	Preparer *filing.Preparer
	Now      func() time.Time
}

// Name implements jobs.TenantJob.
func (PrepareQuarter) Name() string { return "tax.prepare_quarter" }

// Schedule implements jobs.TenantJob.
func (PrepareQuarter) Schedule() jobs.Schedule { return jobs.MonthlyOn(3) }

// RunTenant implements jobs.TenantJob.
func (j PrepareQuarter) RunTenant(ctx context.Context, tenantID string) error {
	now := time.Now
	if j.Now != nil {
		now = j.Now
	}
	today := dates.Of(now().UTC())
	if (int(today.Month())-1)%3 != 0 {
		return nil // only in the first month of a quarter
	}
	prev := today.AddDays(-today.Day())
	_, err := j.Preparer.PrepareQuarter(ctx, tenantID, prev.Year(), dates.Quarter(prev))
	return err
}

// SubmitDue files every ready return due within a week.
type SubmitDue struct {
	Store     *store.Store
	Submitter *filing.Submitter
	Mail      notify.Sender
	AlertTo   string
}

// Name implements jobs.Job.
func (SubmitDue) Name() string { return "tax.submit_due" }

// Schedule implements jobs.Job.
func (SubmitDue) Schedule() jobs.Schedule { return jobs.DailyAt(9) }

// Run implements jobs.Job.
func (j SubmitDue) Run(ctx context.Context) error {
	due, err := j.Store.DueBefore(ctx, dates.Today().AddDays(7))
	if err != nil {
		return err
	}
	for _, f := range due {
		tctx := auth.SystemContext(ctx, f.TenantID)
		if _, err := j.Submitter.Submit(tctx, f); err != nil {
			log.Error(tctx, "filing submission failed", err, "filing", f.ID, "form", f.Form)
			_ = j.Mail.Send(tctx, notify.Message{To: j.AlertTo, Subject: "Tax filing rejected", Template: "filing_failed",
				Data: map[string]any{"Form": f.Form, "Period": f.Period.Start.String(), "Reason": err.Error()}})
		}
	}
	return nil
}
