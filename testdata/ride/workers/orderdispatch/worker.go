// Package orderdispatch requests a courier when a food order is ready and
// keeps the order in sync with its courier trip.
package orderdispatch

import (
	"context"
	"sync"

	"github.com/zipcab/backend/app/common/entity"
	tripservice "github.com/zipcab/backend/app/trip/service"
	"github.com/zipcab/backend/modules/foodorder"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
	"github.com/zipcab/backend/pkg/money"
)

const group = "food.orderdispatch"

// Worker bridges food orders and courier trips.
type Worker struct {
	orders *foodorder.Service
	trips  *tripservice.TripService
	// courier trip id -> order id, to map trip.matched/started which carry no order id
	mu     sync.Mutex
	byTrip map[int64]int64
}

func (w *Worker) orderFor(tripID int64) (int64, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	id, ok := w.byTrip[tripID]
	return id, ok
}

// New returns the worker.
func New(orders *foodorder.Service, trips *tripservice.TripService) *Worker {
	return &Worker{orders: orders, trips: trips, byTrip: map[int64]int64{}}
}

// Register subscribes the worker.
func (w *Worker) Register(sub events.Subscriber) {
	sub.Subscribe(events.OrderReady, group, w.onReady)
	sub.Subscribe(events.TripMatched, group, w.onMatched)
	sub.Subscribe(events.TripCompleted, group, w.onCompleted)
}

func (w *Worker) onReady(ctx context.Context, e events.Envelope) error {
	var ev entity.OrderEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	o, err := w.orders.Get(ctx, ev.OrderID)
	if err != nil {
		return err
	}
	if o.CourierTripID != 0 {
		return nil // already dispatched (redelivered event)
	}
	t, err := w.trips.CreateDeliveryLeg(ctx, o.ID, o.EaterID, ev.Pickup, o.Dropoff(), money.New(o.DeliveryFee, o.Currency))
	if err != nil {
		return err
	}
	w.mu.Lock()
	w.byTrip[t.ID] = o.ID
	w.mu.Unlock()
	log.From(ctx).Info("courier requested", "order_id", o.ID, "trip_id", t.ID)
	return w.orders.AttachCourierTrip(ctx, o.ID, t.ID)
}

func (w *Worker) onMatched(ctx context.Context, e events.Envelope) error {
	var ev entity.TripMatchedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	orderID, ok := w.orderFor(ev.TripID)
	if !ok {
		return nil
	}
	return w.orders.CourierAssigned(ctx, orderID, ev.DriverID)
}

func (w *Worker) onCompleted(ctx context.Context, e events.Envelope) error {
	var ev entity.TripCompletedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	if ev.FoodOrderID == 0 {
		return nil
	}
	w.mu.Lock()
	delete(w.byTrip, ev.TripID)
	w.mu.Unlock()
	return w.orders.Delivered(ctx, ev.FoodOrderID)
}
