package foodorder

import (
	"context"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/modules/wallet"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/money"
)

var next = map[Status][]Status{
	StatusPlaced:   {StatusAccepted, StatusRejected, StatusCancelled},
	StatusAccepted: {StatusReady, StatusCancelled},
	StatusReady:    {StatusPickedUp, StatusCancelled},
	StatusPickedUp: {StatusDelivered},
}

func allowed(from, to Status) bool {
	for _, s := range next[from] {
		if s == to {
			return true
		}
	}
	return false
}

// transition moves an order owned by restaurantID (0 = system) to a new status.
func (s *Service) transition(ctx context.Context, orderID, restaurantID int64, to Status) (Order, error) {
	o, err := s.Get(ctx, orderID)
	if err != nil {
		return o, err
	}
	if restaurantID != 0 && o.RestaurantID != restaurantID {
		return o, errs.NotFound("foodorder.transition", "order")
	}
	if !allowed(o.Status, to) {
		return o, errs.Conflict("foodorder.transition", "order is "+string(o.Status))
	}
	if err := s.setStatus(ctx, orderID, to); err != nil {
		return o, err
	}
	o.Status = to
	return o, nil
}

func (s *Service) setStatus(ctx context.Context, id int64, st Status) error {
	_, err := s.db.ExecContext(ctx, `UPDATE food_orders SET status = $2, updated_at = now() WHERE id = $1`, id, st)
	return errs.Wrap("foodorder.set_status", err)
}

// Accept is called from the restaurant tablet.
func (s *Service) Accept(ctx context.Context, restaurantID, orderID int64) error {
	o, err := s.transition(ctx, orderID, restaurantID, StatusAccepted)
	if err != nil {
		return err
	}
	r, err := s.restaurants.Get(ctx, restaurantID)
	if err != nil {
		return err
	}
	return s.publish(ctx, events.OrderAccepted, o, r.Name, r.Point())
}

// MarkReady signals the food is ready for courier pickup.
func (s *Service) MarkReady(ctx context.Context, restaurantID, orderID int64) error {
	o, err := s.transition(ctx, orderID, restaurantID, StatusReady)
	if err != nil {
		return err
	}
	r, err := s.restaurants.Get(ctx, restaurantID)
	if err != nil {
		return err
	}
	return s.publish(ctx, events.OrderReady, o, r.Name, r.Point())
}

// Reject declines an order and refunds the eater in full.
func (s *Service) Reject(ctx context.Context, restaurantID, orderID int64, reason string) error {
	o, err := s.transition(ctx, orderID, restaurantID, StatusRejected)
	if err != nil {
		return err
	}
	return s.refund(ctx, o, money.New(o.Total, o.Currency))
}

// AttachCourierTrip links the courier trip created for an order.
func (s *Service) AttachCourierTrip(ctx context.Context, orderID, tripID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE food_orders SET courier_trip_id = $2, updated_at = now() WHERE id = $1`, orderID, tripID)
	return errs.Wrap("foodorder.attach_trip", err)
}

// CourierAssigned records the courier once the trip is matched.
func (s *Service) CourierAssigned(ctx context.Context, orderID, courierID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE food_orders SET courier_id = $2, updated_at = now() WHERE id = $1`, orderID, courierID)
	return errs.Wrap("foodorder.courier_assigned", err)
}

// Delivered completes the order when the courier trip completes.
func (s *Service) Delivered(ctx context.Context, orderID int64) error {
	o, err := s.Get(ctx, orderID)
	if err != nil {
		return err
	}
	if o.Status == StatusReady { // the courier app has no "picked up" step yet
		if _, err := s.transition(ctx, orderID, 0, StatusPickedUp); err != nil {
			return err
		}
	}
	if o, err = s.transition(ctx, orderID, 0, StatusDelivered); err != nil {
		return err
	}
	r, err := s.restaurants.Get(ctx, o.RestaurantID)
	if err != nil {
		return err
	}
	return s.publish(ctx, events.OrderDelivered, o, r.Name, r.Point())
}

func (s *Service) refund(ctx context.Context, o Order, amt money.Money) error {
	if o.PaidWith == "wallet" {
		return s.wallet.Credit(ctx, o.EaterID, amt, wallet.ReasonRefund, "refund-order-"+itoa(o.ID)+"-"+itoa(amt.Amount))
	}
	return s.payments.RefundOrder(ctx, o.ID, amt)
}

func (s *Service) publish(ctx context.Context, topic string, o Order, restaurant string, pickup geo.Point) error {
	return s.pub.Publish(ctx, topic, "order:"+itoa(o.ID), entity.OrderEvent{
		OrderID: o.ID, RiderID: o.EaterID, RestaurantID: o.RestaurantID, Restaurant: restaurant, CourierID: o.CourierID,
		Total: money.New(o.Total, o.Currency), Status: string(o.Status), Pickup: pickup, Dropoff: o.Dropoff(),
	})
}
