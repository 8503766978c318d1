// Package domain holds the orders context's rules: how an order is built,
// what it costs to ship, and when it may be cancelled or refunded.
package domain

import (
	"context"
	"fmt"
	"strings"
	"time"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/money"
)

// Repository is the persistence port of the orders context.
type Repository interface {
	Get(ctx context.Context, id string) (*models.Order, error)
	ListByCustomer(ctx context.Context, customerID string, limit int) ([]models.Order, error)
	Insert(ctx context.Context, q db.Querier, o *models.Order) error
	UpdateStatus(ctx context.Context, q db.Querier, id string, from, to models.OrderStatus, at time.Time) error
	SetPayment(ctx context.Context, q db.Querier, id, paymentID string, at time.Time) error
	AppendHistory(ctx context.Context, q db.Querier, e HistoryEntry) error
	History(ctx context.Context, orderID string) ([]HistoryEntry, error)
}

// HistoryEntry is one status change of an order.
type HistoryEntry struct {
	OrderID string             `json:"order_id"`
	From    models.OrderStatus `json:"from"`
	To      models.OrderStatus `json:"to"`
	Note    string             `json:"note,omitempty"`
	At      time.Time          `json:"at"`
}

// Shipping fees in minor units, by destination country.
var shippingFees = map[string]int64{
	"DE": 490, "AT": 690, "NL": 690, "BE": 690, "FR": 790, "IT": 890, "ES": 890,
}

const (
	defaultShippingFee    = 1490
	freeShippingThreshold = 5000
	// RefundWindow is how long after the last status change a refund may be asked for.
	RefundWindow = 30 * 24 * time.Hour
	maxItems     = 50
)

var cancelReasons = map[string]bool{
	"customer_request": true,
	"payment_failed":   true,
	"out_of_stock":     true,
	"fraud_suspected":  true,
	"expired":          true,
}

// ShippingFee is what shipping costs for an order of subtotal to country.
// Domestic orders above the threshold ship free.
func ShippingFee(subtotal money.Money, country string) money.Money {
	country = strings.ToUpper(country)
	if country == "DE" && subtotal.Amount >= freeShippingThreshold {
		return money.Zero(subtotal.Currency)
	}
	fee, ok := shippingFees[country]
	if !ok {
		fee = defaultShippingFee
	}
	return money.New(fee, subtotal.Currency)
}

// Build assembles a new order awaiting payment.
func Build(id, customerID string, cur money.Currency, items []models.OrderItem, country string, now time.Time) (*models.Order, error) {
	if len(items) == 0 {
		return nil, models.ErrEmptyOrder
	}
	if len(items) > maxItems {
		return nil, fmt.Errorf("orders: %d lines, at most %d allowed", len(items), maxItems)
	}
	o := models.NewOrder(id, customerID, cur, now)
	for i, it := range items {
		if it.ID == "" {
			it.ID = fmt.Sprintf("%s-%02d", id, i+1)
		}
		if err := o.AddItem(it); err != nil {
			return nil, err
		}
	}
	o.ShippingFee = ShippingFee(o.Subtotal, country)
	if err := o.Recalculate(); err != nil {
		return nil, err
	}
	if err := o.Transition(models.OrderAwaitingPayment, now); err != nil {
		return nil, err
	}
	return o, nil
}

// ValidateCancel checks that o may be cancelled for reason.
func ValidateCancel(o *models.Order, reason string) error {
	if !cancelReasons[reason] {
		return fmt.Errorf("orders: unknown cancel reason %q", reason)
	}
	if !o.Cancellable() {
		return fmt.Errorf("orders: order %s is %s and can no longer be cancelled", o.ID, o.Status)
	}
	return nil
}

// CanRefund checks that o may be refunded at now.
func CanRefund(o *models.Order, now time.Time) error {
	if !o.Status.CanTransitionTo(models.OrderRefunded) {
		return fmt.Errorf("orders: order %s is %s and cannot be refunded", o.ID, o.Status)
	}
	if o.Status == models.OrderDelivered && now.Sub(o.UpdatedAt) > RefundWindow {
		return fmt.Errorf("orders: order %s was delivered more than %d days ago", o.ID, int(RefundWindow.Hours()/24))
	}
	return nil
}
