// Package leaveaccrual grants monthly PTO accruals and rolls balances over
// at year end.
package leaveaccrual

import (
	"context"
	"time"

	"github.com/ledgerly/people/pkg/dates"
	"github.com/ledgerly/people/pkg/jobs"
	"github.com/ledgerly/people/services/leave/accrual"
)

// Job runs on the first of each month for the previous month.
type Job struct {
	Engine *accrual.Engine
}

// Name implements jobs.TenantJob.
func (Job) Name() string { return "leave.accrual" }

// Schedule implements jobs.TenantJob.
func (Job) Schedule() jobs.Schedule { return jobs.MonthlyOn(1) }

// RunTenant implements jobs.TenantJob.
func (j Job) RunTenant(ctx context.Context, tenantID string) error {
	today := dates.Today()
	start := dates.Day(today.Year(), today.Month()-1, 1)
	if today.Month() == time.January {
		start = dates.Day(today.Year()-1, time.December, 1)
	}
	p := dates.Period{Start: start, End: today.AddDays(-today.Day())}
	if _, err := j.Engine.Run(ctx, tenantID, p); err != nil {
		return err
	}
	if today.Month() == time.January {
		return j.Engine.CloseYear(ctx, tenantID)
	}
	return nil
}
