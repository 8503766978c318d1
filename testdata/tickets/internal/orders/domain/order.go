// Package domain is the order model: what a fan bought, for how much, and
// where the order is in its lifecycle.
package domain

import (
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/platform/money"
	"gatehouse.events/platform/internal/shared/model"
)

// Channel is where an order was placed.
type Channel string

const (
	ChannelWeb       Channel = "web"
	ChannelApp       Channel = "app"
	ChannelBoxOffice Channel = "box_office"
)

// Line is one admission on an order.
type Line struct {
	No          int
	SeatID      string
	Section     string
	PriceTierID string
	Price       money.Money
}

// FeeKind names a fee component.
type FeeKind string

const (
	FeeService  FeeKind = "service"
	FeeFacility FeeKind = "facility"
	FeeDelivery FeeKind = "delivery"
	FeeVAT      FeeKind = "vat"
)

// Fee is a charge on top of the face value.
type Fee struct {
	Kind   FeeKind
	Amount money.Money
}

// Order is a purchase of one or more admissions to one event.
type Order struct {
	ID         string
	Reference  string
	FanID      string
	EventID    string
	HoldID     string
	PaymentID  string
	Channel    Channel
	Status     model.OrderStatus
	Lines      []Line
	Fees       []Fee
	Subtotal   money.Money
	Total      money.Money
	CreatedAt  time.Time
	ExpiresAt  time.Time
	PaidAt     time.Time
	CancelNote string
	Version    int
}

// NewOrder starts a pending order.
func NewOrder(fanID, eventID, holdID string, ch Channel, lines []Line, fees []Fee, now, expires time.Time) (*Order, error) {
	const op = "orders.NewOrder"
	if len(lines) == 0 {
		return nil, errs.Invalid(op, "order has no lines")
	}
	if len(lines) > 20 {
		return nil, errs.Invalid(op, "at most 20 tickets per order")
	}
	cur := lines[0].Price.Currency
	sub := money.Zero(cur)
	for i := range lines {
		lines[i].No = i + 1
		var err error
		if sub, err = sub.Add(lines[i].Price); err != nil {
			return nil, errs.Invalid(op, "mixed currencies")
		}
	}
	total := sub
	for _, f := range fees {
		var err error
		if total, err = total.Add(f.Amount); err != nil {
			return nil, errs.Invalid(op, "fee currency mismatch")
		}
	}
	id := ids.New(ids.PrefixOrder)
	return &Order{
		ID: id, Reference: "GH-" + ids.Short(id), FanID: fanID, EventID: eventID, HoldID: holdID,
		Channel: ch, Status: model.OrderStatusPending, Lines: lines, Fees: fees,
		Subtotal: sub, Total: total, CreatedAt: now, ExpiresAt: expires,
	}, nil
}

// MarkPaid records a captured payment.
func (o *Order) MarkPaid(paymentID string, now time.Time) error {
	switch o.Status {
	case model.OrderStatusPaid:
		if o.PaymentID == paymentID {
			return nil
		}
		return errs.Conflict("orders.MarkPaid", "order already paid by another payment")
	case model.OrderStatusPending:
	default:
		return errs.Conflict("orders.MarkPaid", "order is "+string(o.Status))
	}
	o.Status, o.PaymentID, o.PaidAt = model.OrderStatusPaid, paymentID, now
	return nil
}

// Cancel cancels a pending order.
func (o *Order) Cancel(note string) error {
	if o.Status != model.OrderStatusPending {
		return errs.Conflict("orders.Cancel", "only pending orders can be cancelled, order is "+string(o.Status))
	}
	o.Status, o.CancelNote = model.OrderStatusCancelled, note
	return nil
}

// Expire marks a pending order whose hold ran out.
func (o *Order) Expire(now time.Time) bool {
	if o.Status != model.OrderStatusPending || now.Before(o.ExpiresAt) {
		return false
	}
	o.Status = model.OrderStatusExpired
	return true
}

// Ref converts to the shared order reference.
func (o *Order) Ref() model.OrderRef {
	return model.OrderRef{ID: o.ID, FanID: o.FanID, EventID: o.EventID, Status: o.Status, Total: o.Total, Reference: o.Reference, CreatedAt: o.CreatedAt}
}

// LineRefs converts lines to shared references.
func (o *Order) LineRefs() []model.LineRef {
	out := make([]model.LineRef, len(o.Lines))
	for i, l := range o.Lines {
		out[i] = model.LineRef{OrderID: o.ID, LineNo: l.No, SeatID: l.SeatID, PriceTierID: l.PriceTierID, Price: l.Price}
	}
	return out
}
