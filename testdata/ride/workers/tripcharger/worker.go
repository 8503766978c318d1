// Package tripcharger charges riders when trips complete or are cancelled with a fee.
package tripcharger

import (
	"context"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/payment/service"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
)

const group = "payments.tripcharger"

// Worker consumes trip lifecycle events.
type Worker struct {
	payments *service.PaymentService
}

// New returns the worker.
func New(payments *service.PaymentService) *Worker { return &Worker{payments: payments} }

// Register subscribes the worker's handlers.
func (w *Worker) Register(sub events.Subscriber) {
	sub.Subscribe(events.TripCompleted, group, w.onCompleted)
	sub.Subscribe(events.TripCancelled, group, w.onCancelled)
}

func (w *Worker) onCompleted(ctx context.Context, e events.Envelope) error {
	var ev entity.TripCompletedEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	l := log.From(ctx).With("trip_id", ev.TripID, "event_id", e.ID)
	if err := w.payments.ChargeTrip(ctx, ev); err != nil {
		l.Error("charge trip failed", "err", err)
		return err
	}
	l.Info("trip charged", "total", ev.Fare.Total.String())
	return nil
}

func (w *Worker) onCancelled(ctx context.Context, e events.Envelope) error {
	var ev entity.TripCancelledEvent
	if err := e.Decode(&ev); err != nil {
		return err
	}
	return w.payments.ChargeCancelFee(ctx, ev)
}
