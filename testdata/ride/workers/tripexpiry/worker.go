// Package tripexpiry closes trip requests nobody accepted within the TTL.
package tripexpiry

import (
	"context"
	"time"

	"github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/app/trip/service"
	"github.com/zipcab/backend/pkg/log"
)

// Worker expires stale trip requests.
type Worker struct {
	repo  *repository.TripRepository
	trips *service.TripService
	ttl   time.Duration
}

// New returns the worker.
func New(repo *repository.TripRepository, trips *service.TripService, ttl time.Duration) *Worker {
	return &Worker{repo: repo, trips: trips, ttl: ttl}
}

// Run polls every interval until ctx is done.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			n, err := w.expire(ctx, now)
			if err != nil {
				log.From(ctx).Error("trip expiry", "err", err)
			} else if n > 0 {
				log.From(ctx).Info("expired trip requests", "count", n)
			}
		}
	}
}

func (w *Worker) expire(ctx context.Context, now time.Time) (int, error) {
	stale, err := w.repo.StaleRequested(ctx, now.Add(-w.ttl))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, t := range stale {
		if err := w.trips.Expire(ctx, t); err != nil {
			log.From(ctx).Warn("expire trip", "trip_id", t.ID, "err", err)
			continue
		}
		n++
	}
	return n, nil
}
