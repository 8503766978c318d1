// Package notifier turns domain events into rider and driver notifications.
package notifier

import (
	"context"
	"fmt"

	"github.com/zipcab/backend/app/common/entity"
	driverservice "github.com/zipcab/backend/app/driver/service"
	"github.com/zipcab/backend/modules/notify"
	"github.com/zipcab/backend/pkg/events"
)

const group = "notifications.notifier"

// Worker sends notifications for events.
type Worker struct {
	notify  *notify.Service
	drivers *driverservice.DriverService
}

// New returns the worker.
func New(n *notify.Service, drivers *driverservice.DriverService) *Worker {
	return &Worker{notify: n, drivers: drivers}
}

// Register subscribes to every topic we notify on.
func (w *Worker) Register(sub events.Subscriber) {
	sub.Subscribe(events.TripMatched, group, w.tripMatched)
	sub.Subscribe(events.TripCancelled, group, w.tripCancelled)
	sub.Subscribe(events.TripExpired, group, w.tripExpired)
	sub.Subscribe(events.PaymentFailed, group, w.paymentFailed)
	sub.Subscribe(events.DriverApproved, group, w.driverApproved)
	sub.Subscribe(events.DriverDocExpiry, group, w.docExpiring)
	sub.Subscribe(events.OrderAccepted, group, w.orderAccepted)
	sub.Subscribe(events.OrderDelivered, group, w.orderDelivered)
}

func (w *Worker) tripMatched(ctx context.Context, e events.Envelope) error {
	var ev entity.TripMatchedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	d, err := w.drivers.Get(ctx, ev.DriverID)
	if err != nil {
		return err
	}
	vehicle, plate := "car", ""
	if d.Vehicle != nil {
		vehicle = d.Vehicle.Color + " " + d.Vehicle.Make + " " + d.Vehicle.Model
		plate = d.Vehicle.Plate
	}
	return w.notify.NotifyRider(ctx, ev.RiderID, "trip_matched", map[string]any{
		"driver": d.FirstName, "vehicle": vehicle, "plate": plate, "eta": fmt.Sprintf("%.0f", ev.ETAMin),
	})
}

func (w *Worker) tripCancelled(ctx context.Context, e events.Envelope) error {
	var ev entity.TripCancelledEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	if ev.By != "driver" {
		return nil
	}
	return w.notify.NotifyRider(ctx, ev.RiderID, "trip_cancelled_by_driver", nil)
}

func (w *Worker) tripExpired(ctx context.Context, e events.Envelope) error {
	var ev entity.TripCancelledEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	return w.notify.NotifyRider(ctx, ev.RiderID, "trip_expired", nil)
}

func (w *Worker) paymentFailed(ctx context.Context, e events.Envelope) error {
	var ev entity.PaymentEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	return w.notify.NotifyRider(ctx, ev.RiderID, "payment_failed", nil)
}

func (w *Worker) driverApproved(ctx context.Context, e events.Envelope) error {
	var ev entity.DriverEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	return w.notify.NotifyPhone(ctx, ev.Phone, "driver_approved", map[string]any{"detail": ev.Detail})
}

func (w *Worker) docExpiring(ctx context.Context, e events.Envelope) error {
	var ev entity.DriverEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	return w.notify.NotifyDriver(ctx, ev.DriverID, "document_expiring", map[string]any{"detail": ev.Detail})
}

func (w *Worker) orderAccepted(ctx context.Context, e events.Envelope) error {
	var ev entity.OrderEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	return w.notify.NotifyRider(ctx, ev.RiderID, "order_accepted", map[string]any{"restaurant": ev.Restaurant})
}

func (w *Worker) orderDelivered(ctx context.Context, e events.Envelope) error {
	var ev entity.OrderEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	return w.notify.NotifyRider(ctx, ev.RiderID, "order_delivered", nil)
}
