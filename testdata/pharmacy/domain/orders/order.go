// Package orders models customer orders and their lifecycle.
package orders

import (
	"time"

	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/money"
)

// Status of an order.
type Status string

const (
	StatusPendingVerification Status = "pending_verification"
	StatusReadyToFill         Status = "ready_to_fill"
	StatusFilled              Status = "filled"
	StatusDispatched          Status = "dispatched"
	StatusShipped             Status = "shipped"
	StatusDelivered           Status = "delivered"
	StatusOnHold              Status = "on_hold"
	StatusCancelled           Status = "cancelled"
	StatusReturned            Status = "returned"
)

var transitions = map[Status][]Status{
	StatusPendingVerification: {StatusReadyToFill, StatusOnHold, StatusCancelled},
	StatusReadyToFill:         {StatusFilled, StatusOnHold, StatusCancelled},
	StatusOnHold:              {StatusReadyToFill, StatusPendingVerification, StatusCancelled},
	StatusFilled:              {StatusDispatched, StatusOnHold, StatusCancelled},
	StatusDispatched:          {StatusShipped, StatusDelivered, StatusReturned},
	StatusShipped:             {StatusDelivered, StatusReturned},
}

// CanTransition reports whether from → to is allowed.
func CanTransition(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// MaxLines per order; larger baskets are split by the storefront.
const MaxLines = 12

// Line is an order line.
type Line struct {
	ID             int64
	ProductID      int64
	PrescriptionID *int64
	Quantity       int
	DaysSupply     int
	UnitPrice      money.Money
	Copay          money.Money // what the patient pays for this line
	ClaimID        *int64
	ColdChain      bool
	Controlled     bool
	RxVerified     bool
}

// IsRx reports whether the line fills a prescription.
func (l Line) IsRx() bool { return l.PrescriptionID != nil }

// Order is a customer order.
type Order struct {
	ID                int64
	CustomerID        int64
	Status            Status
	PaymentStatus     string
	ShippingAddressID int64
	Expedited         bool
	Lines             []Line
	Subtotal          money.Money
	InsurancePaid     money.Money
	ShippingFee       money.Money
	Total             money.Money
	HoldReason        string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Validate checks a new order.
func (o *Order) Validate() error {
	const op = "orders.Validate"
	if len(o.Lines) == 0 {
		return errs.Invalidf(op, "order has no lines")
	}
	if len(o.Lines) > MaxLines {
		return errs.Invalidf(op, "order has more than %d lines", MaxLines)
	}
	seen := map[int64]bool{}
	for _, l := range o.Lines {
		if l.Quantity <= 0 {
			return errs.Invalidf(op, "line quantity must be positive")
		}
		if l.PrescriptionID != nil {
			if seen[*l.PrescriptionID] {
				return errs.Invalidf(op, "prescription %d appears twice", *l.PrescriptionID)
			}
			seen[*l.PrescriptionID] = true
		}
	}
	return nil
}

// ShippingPolicy prices delivery.
type ShippingPolicy struct {
	FreeOver  money.Money
	Standard  money.Money
	Expedited money.Money
	ColdChain money.Money
}

// ComputeTotals fills in the money fields. Prescription lines cost the
// patient their co-pay; OTC lines cost the shelf price. Cold-chain parcels
// always pay the overnight surcharge, regardless of the free threshold.
func (o *Order) ComputeTotals(p ShippingPolicy) {
	sub, plan, pay := money.Zero, money.Zero, money.Zero
	cold := false
	for _, l := range o.Lines {
		gross := l.UnitPrice.Mul(l.Quantity)
		sub = sub.Add(gross)
		if l.IsRx() {
			pay = pay.Add(l.Copay)
			plan = plan.Add(money.Max(gross.Sub(l.Copay), money.Zero))
		} else {
			pay = pay.Add(gross)
		}
		cold = cold || l.ColdChain
	}
	fee := p.Standard
	switch {
	case cold:
		fee = p.ColdChain
	case o.Expedited:
		fee = p.Expedited
	case !pay.Less(p.FreeOver):
		fee = money.Zero
	}
	o.Subtotal, o.InsurancePaid, o.ShippingFee = sub, plan, fee
	o.Total = pay.Add(fee)
}

// NeedsVerification reports whether any Rx line awaits a pharmacist.
func (o Order) NeedsVerification() bool {
	for _, l := range o.Lines {
		if l.IsRx() && !l.RxVerified {
			return true
		}
	}
	return false
}

// Transition moves the order to a new status.
func (o *Order) Transition(to Status, now time.Time) error {
	if !CanTransition(o.Status, to) {
		return errs.Conflictf("orders.Transition", "order %d cannot go from %s to %s", o.ID, o.Status, to)
	}
	o.Status = to
	o.UpdatedAt = now
	return nil
}

// Cancellable reports whether the customer may still cancel.
func (o Order) Cancellable() bool {
	return CanTransition(o.Status, StatusCancelled)
}
