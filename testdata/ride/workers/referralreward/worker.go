// Package referralreward pays referral bonuses after a referee's first completed trip
// and records promo redemptions for completed trips.
package referralreward

import (
	"context"
	"fmt"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/modules/promotions"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
)

const group = "promotions.referralreward"

// Worker consumes trip.completed and order.delivered.
type Worker struct {
	promos *promotions.Service
}

// New returns the worker.
func New(p *promotions.Service) *Worker { return &Worker{promos: p} }

// Register subscribes the worker.
func (w *Worker) Register(sub events.Subscriber) {
	sub.Subscribe(events.TripCompleted, group, w.onTripCompleted)
}

func (w *Worker) onTripCompleted(ctx context.Context, e events.Envelope) error {
	var ev entity.TripCompletedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	if ev.FoodOrderID != 0 {
		return nil // courier legs: the rider is the eater, handled by foodorder
	}
	if ev.PromoCode != "" && !ev.Fare.Discount.IsZero() {
		if err := w.promos.Redeem(ctx, ev.RiderID, ev.PromoCode, fmt.Sprintf("trip-%d", ev.TripID), ev.Fare.Discount); err != nil {
			return err
		}
	}
	rewarded, err := w.promos.RewardReferral(ctx, ev.RiderID, ev.TripID)
	if err != nil {
		return err
	}
	if rewarded {
		log.From(ctx).Info("referral rewarded", "referee_id", ev.RiderID, "trip_id", ev.TripID)
	}
	return nil
}
