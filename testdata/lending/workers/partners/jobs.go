// Package partners holds the monthly broker commission job.
package partners

import (
	"context"
	"log/slog"
	"time"

	"lendwise.io/platform/partners/commissions"
)

// CommissionJob accrues last month's commissions during the first days of a month,
// and the current month's running total otherwise. It is idempotent per agreement.
type CommissionJob struct {
	Calc *commissions.Calculator
	Log  *slog.Logger
}

func (j *CommissionJob) Name() string { return "partners.commissions" }

func (j *CommissionJob) Run(ctx context.Context) error {
	now := time.Now().UTC()
	target := now
	if now.Day() <= 3 {
		target = now.AddDate(0, -1, 0)
	}
	total, err := j.Calc.Run(ctx, target)
	j.Log.Info("commissions accrued", "period", target.Format("2006-01"), "total", total.String())
	return err
}
