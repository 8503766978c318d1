// Package pendingexpiry releases inventory held by reservations that never
// completed payment.
package pendingexpiry

import (
	"context"
	"time"

	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/service/booking"
)

// Job expires stale pending reservations.
type Job struct {
	booking *booking.Service
	ttl     time.Duration
	log     *log.Logger
}

// New builds the job.
func New(b *booking.Service, ttl time.Duration, l *log.Logger) *Job {
	return &Job{booking: b, ttl: ttl, log: l.Component("job.pendingexpiry")}
}

// Name implements the worker job interface.
func (j *Job) Name() string { return "booking-pending-expiry" }

// Run implements the worker job interface.
func (j *Job) Run(ctx context.Context) error {
	n, err := j.booking.ExpirePending(ctx, j.ttl)
	if n > 0 {
		j.log.Info("expired pending reservations", "count", n)
	}
	return err
}
