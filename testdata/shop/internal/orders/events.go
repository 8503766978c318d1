package orders

import (
	"example.com/shop/internal/platform/money"
)

// Event names published by the orders context.
const (
	OrderPlacedName    = "orders.placed"
	OrderPaidName      = "orders.paid"
	OrderShippedName   = "orders.shipped"
	OrderDeliveredName = "orders.delivered"
	OrderCancelledName = "orders.cancelled"
)

// OrderPlaced is published after checkout.
type OrderPlaced struct {
	OrderID    string
	CustomerID string
	Total      money.Money
	SKUs       []string
}

// EventName implements eventbus.Event.
func (OrderPlaced) EventName() string { return OrderPlacedName }

// OrderPaid is published when the payment was captured.
type OrderPaid struct {
	OrderID    string
	PaymentID  string
	CustomerID string
	Total      money.Money
}

// EventName implements eventbus.Event.
func (OrderPaid) EventName() string { return OrderPaidName }

// OrderShipped is published when the order left the warehouse.
type OrderShipped struct {
	OrderID        string
	TrackingNumber string
}

// EventName implements eventbus.Event.
func (OrderShipped) EventName() string { return OrderShippedName }

// OrderDelivered is published when the carrier delivered the order.
type OrderDelivered struct {
	OrderID string
}

// EventName implements eventbus.Event.
func (OrderDelivered) EventName() string { return OrderDeliveredName }

// OrderCancelled is published when an order was cancelled.
type OrderCancelled struct {
	OrderID string
	Reason  string
	WasPaid bool
}

// EventName implements eventbus.Event.
func (OrderCancelled) EventName() string { return OrderCancelledName }
