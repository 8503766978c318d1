// Package renewals is the billing team's nightly subscription housekeeping:
// expiring ended subscriptions and running dunning.
package renewals

import (
	"context"
	"time"

	billing "quill.dev/academy/pkg/billing/service"
	"quill.dev/academy/pkg/platform/log"
)

// Job implements runner.Job.
type Job struct {
	Billing *billing.Service
}

func (Job) Name() string { return "billing.renewals" }

func (j Job) Run(ctx context.Context, now time.Time) error {
	expired, err := j.Billing.ExpireEnded(ctx, now)
	if err != nil {
		return err
	}
	dunned, err := j.Billing.Dunning(ctx, now)
	if err != nil {
		return err
	}
	log.From(ctx).Info("renewals", "expired", expired, "dunning_cancelled", dunned)
	return nil
}
