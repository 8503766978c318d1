package orders

import (
	"context"
	"fmt"

	"rxnow.health/backend/domain/models"
	"rxnow.health/backend/domain/orders"
	"rxnow.health/backend/kernel/events"
)

// Subscribe wires the order reactions to other contexts' events.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(models.EventPrescriptionVerified, s.onPrescriptionVerified)
	bus.Subscribe(models.EventPaymentFailed, s.onPaymentFailed)
}

func (s *Service) onPrescriptionVerified(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(models.PrescriptionEvent)
	if !ok {
		return fmt.Errorf("orders: unexpected payload %T", e.Payload)
	}
	ids, err := s.d.Store.MarkRxVerified(ctx, p.PrescriptionID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		o, err := s.d.Store.Get(ctx, id)
		if err != nil {
			return err
		}
		if o.Status == orders.StatusPendingVerification && !o.NeedsVerification() {
			if err := s.Transition(ctx, &o, orders.StatusReadyToFill, "system"); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) onPaymentFailed(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(models.PaymentEvent)
	if !ok {
		return fmt.Errorf("orders: unexpected payload %T", e.Payload)
	}
	o, err := s.d.Store.Get(ctx, p.OrderID)
	if err != nil {
		return err
	}
	if !orders.CanTransition(o.Status, orders.StatusOnHold) {
		return nil
	}
	o.HoldReason = "payment failed: " + p.Reason
	return s.Transition(ctx, &o, orders.StatusOnHold, "payments")
}
