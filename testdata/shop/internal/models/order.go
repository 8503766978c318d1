package models

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"example.com/shop/internal/platform/money"
)

// OrderStatus is the lifecycle state of an order.
type OrderStatus string

// The order states.
const (
	OrderPending         OrderStatus = "pending"
	OrderAwaitingPayment OrderStatus = "awaiting_payment"
	OrderPaid            OrderStatus = "paid"
	OrderShipped         OrderStatus = "shipped"
	OrderDelivered       OrderStatus = "delivered"
	OrderCancelled       OrderStatus = "cancelled"
	OrderRefunded        OrderStatus = "refunded"
)

var orderTransitions = map[OrderStatus][]OrderStatus{
	OrderPending:         {OrderAwaitingPayment, OrderCancelled},
	OrderAwaitingPayment: {OrderPaid, OrderCancelled},
	OrderPaid:            {OrderShipped, OrderCancelled, OrderRefunded},
	OrderShipped:         {OrderDelivered, OrderRefunded},
	OrderDelivered:       {OrderRefunded},
}

// Errors about orders.
var (
	ErrInvalidTransition = errors.New("models: invalid order status transition")
	ErrEmptyOrder        = errors.New("models: order has no items")
	ErrInvalidItem       = errors.New("models: invalid order item")
)

// ParseOrderStatus parses a status as stored in the database.
func ParseOrderStatus(s string) (OrderStatus, error) {
	st := OrderStatus(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := orderTransitions[st]; ok || st == OrderCancelled || st == OrderRefunded {
		return st, nil
	}
	return "", fmt.Errorf("models: unknown order status %q", s)
}

// IsFinal reports whether no transition leaves s.
func (s OrderStatus) IsFinal() bool { return len(orderTransitions[s]) == 0 }

// CanTransitionTo reports whether an order in s may move to next.
func (s OrderStatus) CanTransitionTo(next OrderStatus) bool {
	for _, n := range orderTransitions[s] {
		if n == next {
			return true
		}
	}
	return false
}

// Order is a customer's order.
type Order struct {
	ID                string
	CustomerID        string
	Status            OrderStatus
	Currency          money.Currency
	Items             []OrderItem
	Subtotal          money.Money
	ShippingFee       money.Money
	Total             money.Money
	ShippingAddressID string
	PaymentID         string
	PlacedAt          time.Time
	UpdatedAt         time.Time
}

// NewOrder starts an empty pending order.
func NewOrder(id, customerID string, cur money.Currency, at time.Time) *Order {
	return &Order{
		ID:          id,
		CustomerID:  customerID,
		Status:      OrderPending,
		Currency:    cur,
		Subtotal:    money.Zero(cur),
		ShippingFee: money.Zero(cur),
		Total:       money.Zero(cur),
		PlacedAt:    at,
		UpdatedAt:   at,
	}
}

// AddItem adds an item, merging it with an existing line of the same SKU
// and price.
func (o *Order) AddItem(it OrderItem) error {
	if err := it.Validate(); err != nil {
		return err
	}
	if it.UnitPrice.Currency != o.Currency {
		return fmt.Errorf("%w: %s in a %s order", money.ErrCurrencyMismatch, it.UnitPrice.Currency, o.Currency)
	}
	it.OrderID = o.ID
	for i := range o.Items {
		if o.Items[i].SKU == it.SKU && o.Items[i].UnitPrice == it.UnitPrice {
			o.Items[i].Quantity += it.Quantity
			return o.Recalculate()
		}
	}
	o.Items = append(o.Items, it)
	return o.Recalculate()
}

// Recalculate recomputes the subtotal and total from the items.
func (o *Order) Recalculate() error {
	sub := money.Zero(o.Currency)
	for _, it := range o.Items {
		var err error
		if sub, err = sub.Add(it.LineTotal()); err != nil {
			return err
		}
	}
	total, err := sub.Add(o.ShippingFee)
	if err != nil {
		return err
	}
	o.Subtotal, o.Total = sub, total
	return nil
}

// Transition moves the order to next.
func (o *Order) Transition(next OrderStatus, at time.Time) error {
	if !o.Status.CanTransitionTo(next) {
		return fmt.Errorf("%w: %s -> %s", ErrInvalidTransition, o.Status, next)
	}
	if next == OrderAwaitingPayment && len(o.Items) == 0 {
		return ErrEmptyOrder
	}
	o.Status = next
	o.UpdatedAt = at
	return nil
}

// ItemCount is the number of units in the order.
func (o *Order) ItemCount() int {
	n := 0
	for _, it := range o.Items {
		n += it.Quantity
	}
	return n
}

// SKUs lists the distinct SKUs of the order in item order.
func (o *Order) SKUs() []string {
	seen := make(map[string]bool, len(o.Items))
	var out []string
	for _, it := range o.Items {
		if !seen[it.SKU] {
			seen[it.SKU] = true
			out = append(out, it.SKU)
		}
	}
	return out
}

// Cancellable reports whether the customer may still cancel.
func (o *Order) Cancellable() bool { return o.Status.CanTransitionTo(OrderCancelled) }

// OrderItem is one line of an order.
type OrderItem struct {
	ID        string
	OrderID   string
	ProductID string
	SKU       string
	Name      string
	Quantity  int
	UnitPrice money.Money
}

// LineTotal is quantity times unit price.
func (i OrderItem) LineTotal() money.Money { return i.UnitPrice.Mul(int64(i.Quantity)) }

// Validate checks the item on its own.
func (i OrderItem) Validate() error {
	switch {
	case i.SKU == "":
		return fmt.Errorf("%w: missing SKU", ErrInvalidItem)
	case i.Quantity <= 0:
		return fmt.Errorf("%w: %s: quantity %d", ErrInvalidItem, i.SKU, i.Quantity)
	case i.UnitPrice.IsNegative():
		return fmt.Errorf("%w: %s: negative price", ErrInvalidItem, i.SKU)
	}
	return nil
}
