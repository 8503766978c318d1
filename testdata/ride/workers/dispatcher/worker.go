// Package dispatcher turns trip.requested events into driver offers and
// re-dispatches when offers time out.
package dispatcher

import (
	"context"
	"errors"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/trip/model"
	"github.com/zipcab/backend/app/trip/repository"
	"github.com/zipcab/backend/app/trip/service"
	"github.com/zipcab/backend/modules/matching"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
)

const group = "trips.dispatcher"

// MaxAttempts before a trip is left for tripexpiry to close.
const MaxAttempts = 6

// Worker dispatches trips.
type Worker struct {
	matcher *matching.Matcher
	trips   *service.TripService
	repo    *repository.TripRepository
	backoff time.Duration
}

// New returns the worker.
func New(m *matching.Matcher, trips *service.TripService, repo *repository.TripRepository) *Worker {
	return &Worker{matcher: m, trips: trips, repo: repo, backoff: 5 * time.Second}
}

// Register subscribes to trip requests.
func (w *Worker) Register(sub events.Subscriber) {
	sub.Subscribe(events.TripRequested, group, w.onRequested)
}

func (w *Worker) onRequested(ctx context.Context, e events.Envelope) error {
	var ev entity.TripRequestedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	_, err := w.matcher.OfferNext(ctx, ev)
	if errors.Is(err, matching.ErrNoCandidates) {
		if ev.Attempt >= MaxAttempts {
			log.From(ctx).Warn("giving up dispatch", "trip_id", ev.TripID)
			return nil
		}
		go func(attempt int) {
			time.Sleep(w.backoff * time.Duration(attempt))
			if err := w.trips.Redispatch(context.Background(), ev.TripID, attempt+1); err != nil {
				log.L().Error("redispatch failed", "trip_id", ev.TripID, "err", err)
			}
		}(ev.Attempt)
		return nil
	}
	return err
}

// RunOfferTimeouts times out unanswered offers and re-dispatches their trips.
func (w *Worker) RunOfferTimeouts(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			offers, err := w.repo.ExpiredPendingOffers(ctx, now)
			if err != nil {
				log.From(ctx).Error("list expired offers", "err", err)
				continue
			}
			for _, o := range offers {
				if err := w.repo.ResolveOffer(ctx, o.ID, model.OfferTimedOut); err != nil {
					continue // accepted in the meantime
				}
				if err := w.trips.Redispatch(ctx, o.TripID, o.Attempt+1); err != nil {
					log.From(ctx).Error("redispatch", "trip_id", o.TripID, "err", err)
				}
			}
		}
	}
}
