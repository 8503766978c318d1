// Package domain contains the order aggregate and its state machine.
package domain

import (
	"fmt"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/platform/money"
)

// An Order belongs to exactly one shop; a checkout with items from several
// shops produces several orders sharing a CheckoutID.
type Order struct {
	ID          string
	CheckoutID  string
	BuyerID     string
	ShopID      string
	Status      models.OrderStatus
	Lines       []models.OrderLine
	ShipTo      models.Address
	Subtotal    money.Money
	Shipping    money.Money
	Total       money.Money
	PaymentID   string
	PlacedAt    time.Time
	PaidAt      time.Time
	ShippedAt   time.Time
	DeliveredAt time.Time
	UpdatedAt   time.Time
}

type Shipment struct {
	ID          string
	OrderID     string
	Carrier     string
	TrackingNo  string
	Status      string
	ShippedAt   time.Time
	DeliveredAt time.Time
}

var transitions = map[models.OrderStatus][]models.OrderStatus{
	models.OrderPending:   {models.OrderPaid, models.OrderCancelled},
	models.OrderPaid:      {models.OrderShipped, models.OrderCancelled, models.OrderDisputed, models.OrderRefunded},
	models.OrderShipped:   {models.OrderDelivered, models.OrderDisputed},
	models.OrderDelivered: {models.OrderDisputed},
	models.OrderDisputed:  {models.OrderRefunded, models.OrderDelivered},
}

func CanTransition(from, to models.OrderStatus) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Transition moves the order to a new status and stamps timestamps.
func (o *Order) Transition(to models.OrderStatus, at time.Time) error {
	if !CanTransition(o.Status, to) {
		return fmt.Errorf("order %s: illegal transition %s -> %s", o.ID, o.Status, to)
	}
	o.Status = to
	o.UpdatedAt = at
	switch to {
	case models.OrderPaid:
		o.PaidAt = at
	case models.OrderShipped:
		o.ShippedAt = at
	case models.OrderDelivered:
		o.DeliveredAt = at
	}
	return nil
}

// Recalculate recomputes subtotal and total from the lines.
func (o *Order) Recalculate() {
	cur := o.Shipping.Currency
	if len(o.Lines) > 0 {
		cur = o.Lines[0].UnitPrice.Currency
	}
	sub := money.Zero(cur)
	for _, l := range o.Lines {
		sub = sub.Add(l.Total())
	}
	o.Subtotal = sub
	o.Total = sub.Add(o.Shipping)
}

func (o *Order) ItemCount() int {
	n := 0
	for _, l := range o.Lines {
		n += l.Quantity
	}
	return n
}

// IsOpen is true while the seller still has work to do.
func (o *Order) IsOpen() bool {
	return o.Status == models.OrderPending || o.Status == models.OrderPaid
}
