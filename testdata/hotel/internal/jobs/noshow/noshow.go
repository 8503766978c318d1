// Package noshow closes reservations whose guests never arrived and charges
// the no-show fee.
package noshow

import (
	"context"

	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/service/booking"
	"github.com/staybright/platform/internal/store/reservation"
)

// Job is the nightly no-show sweep.
type Job struct {
	store   *reservation.Store
	booking *booking.Service
	clock   clock.Clock
	log     *log.Logger
}

// New builds the job.
func New(s *reservation.Store, b *booking.Service, c clock.Clock, l *log.Logger) *Job {
	return &Job{store: s, booking: b, clock: c, log: l.Component("job.noshow")}
}

// Name implements the worker job interface.
func (j *Job) Name() string { return "booking-noshow" }

// Run marks every confirmed reservation whose arrival day has fully passed
// (in UTC, which is at least as late as any European hotel's local day).
func (j *Job) Run(ctx context.Context) error {
	cutoff := clock.Day(j.clock.Now()).AddDate(0, 0, -1)
	list, err := j.store.NoShowCandidates(ctx, cutoff)
	if err != nil {
		return err
	}
	marked := 0
	for i := range list {
		if err := j.booking.MarkNoShow(ctx, &list[i]); err != nil {
			j.log.Error("no-show failed", "reservation_id", list[i].ID, "err", err)
			continue
		}
		marked++
	}
	if marked > 0 {
		j.log.Info("no-shows processed", "count", marked)
	}
	return nil
}
