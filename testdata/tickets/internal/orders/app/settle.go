package app

import (
	"context"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/shared/model"
)

// OnPaymentCaptured marks the order paid, confirms the hold and announces
// the sale so tickets get issued.
func (s *CheckoutService) OnPaymentCaptured(ctx context.Context, p model.PaymentCaptured) error {
	const op = "orders.OnPaymentCaptured"
	o, err := s.orders.Get(ctx, p.OrderID)
	if err != nil {
		return errs.Wrap(err, op)
	}
	if o.Status == model.OrderStatusPaid && o.PaymentID == p.PaymentID {
		return nil // duplicate delivery
	}
	if err := s.inventory.Confirm(ctx, o.HoldID, o.ID); err != nil {
		// The hold expired while the fan was on the 3-D Secure page. The
		// money is captured, so payments must refund it.
		s.log.Error("confirm hold after capture failed", "order_id", o.ID, "err", err)
		return errs.Wrap(err, op)
	}
	if err := o.MarkPaid(p.PaymentID, s.clock.Now()); err != nil {
		return err
	}
	if err := s.orders.Update(ctx, o); err != nil {
		return errs.Wrap(err, op)
	}
	s.log.Info("order paid", "order_id", o.ID, "total", o.Total.String())
	return s.pub.Publish(ctx, model.TopicOrderPaid, o.ID, model.OrderPaid{Order: o.Ref(), Lines: o.LineRefs()})
}

// OnPaymentFailed cancels the order and gives the seats back.
func (s *CheckoutService) OnPaymentFailed(ctx context.Context, p model.PaymentFailed) error {
	o, err := s.orders.Get(ctx, p.OrderID)
	if err != nil {
		return err
	}
	if o.Status != model.OrderStatusPending {
		return nil
	}
	if err := o.Cancel("payment failed: " + p.Code); err != nil {
		return err
	}
	if err := s.orders.Update(ctx, o); err != nil {
		return err
	}
	return s.inventory.Release(ctx, o.HoldID)
}

// ExpireStale expires pending orders whose hold has lapsed.
func (s *CheckoutService) ExpireStale(ctx context.Context) (int, error) {
	now := s.clock.Now()
	idsDue, err := s.orders.ExpiredPending(ctx, now, 200)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range idsDue {
		o, err := s.orders.Get(ctx, id)
		if err != nil {
			continue
		}
		if o.Expire(now) {
			if err := s.orders.Update(ctx, o); err == nil {
				n++
			}
		}
	}
	return n, nil
}

// Subscribe attaches the order saga to the bus.
func (s *CheckoutService) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicPaymentCaptured, "orders.settle", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.PaymentCaptured)
		if !ok {
			return nil
		}
		return s.OnPaymentCaptured(ctx, p)
	})
	bus.Subscribe(model.TopicPaymentFailed, "orders.settle", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.PaymentFailed)
		if !ok {
			return nil
		}
		return s.OnPaymentFailed(ctx, p)
	})
	bus.Subscribe(model.TopicEventCancelled, "orders.event_cancelled", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.EventCancelled)
		if !ok {
			return nil
		}
		paid, err := s.orders.PaidForEvent(ctx, p.EventID)
		if err != nil {
			return err
		}
		for _, id := range paid {
			_ = s.pub.Publish(ctx, model.TopicOrderCancelled, id, model.OrderCancelled{OrderID: id, Reason: "event cancelled: " + p.Reason})
		}
		return nil
	})
}
