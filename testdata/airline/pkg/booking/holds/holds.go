// Package holds runs the hold-expiry job that releases seats held by
// unpaid bookings.
package holds

import (
	"context"
	"log/slog"
	"time"

	"skyhop.aero/backend/pkg/booking"
)

type Job struct {
	Svc      *booking.Service
	Interval time.Duration
	Batch    int
	Log      *slog.Logger
}

// Run loops until ctx is cancelled.
func (j *Job) Run(ctx context.Context) {
	t := time.NewTicker(j.Interval)
	defer t.Stop()
	for {
		n, err := j.Svc.ExpireHolds(ctx, j.Batch)
		if err != nil {
			j.Log.Error("hold expiry run failed", "err", err)
		} else if n > 0 {
			j.Log.Info("expired holds", "count", n)
		}
		// drain quickly if the batch was full
		if n == j.Batch {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
