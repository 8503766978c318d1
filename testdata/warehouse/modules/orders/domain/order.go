// Package domain holds the outbound order lifecycle and validation rules.
package domain

import (
	"regexp"
	"strings"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/models"
)

var transitions = map[models.OrderStatus][]models.OrderStatus{
	models.OrderNew:       {models.OrderAllocated, models.OrderBackorder, models.OrderCancelled},
	models.OrderBackorder: {models.OrderAllocated, models.OrderBackorder, models.OrderCancelled},
	models.OrderAllocated: {models.OrderReleased, models.OrderCancelled, models.OrderNew},
	models.OrderReleased:  {models.OrderPicking, models.OrderCancelled},
	models.OrderPicking:   {models.OrderPacked},
	models.OrderPacked:    {models.OrderShipped},
}

// CanTransition reports whether an order may move between statuses.
func CanTransition(from, to models.OrderStatus) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

func Transition(o *models.Order, to models.OrderStatus) error {
	if !CanTransition(o.Status, to) {
		return apperr.Conflict("order %s cannot go from %s to %s", o.ID, o.Status, to)
	}
	o.Status = to
	return nil
}

var usZip = regexp.MustCompile(`^\d{5}(-\d{4})?$`)

// SameDayCutoff is the local hour after which orders ship next business day.
const SameDayCutoff = 14

// Validate normalises and checks a new order.
func Validate(o *models.Order, now time.Time) error {
	if o.ClientID == "" || o.ExternalRef == "" {
		return apperr.Invalid("client_id and external_ref are required")
	}
	if len(o.Lines) == 0 {
		return apperr.Invalid("order has no lines")
	}
	a := &o.ShipTo
	a.Country = strings.ToUpper(strings.TrimSpace(a.Country))
	if a.Name == "" || a.Line1 == "" || a.City == "" || a.Country == "" {
		return apperr.Invalid("ship_to is incomplete")
	}
	if a.Country == "US" && !usZip.MatchString(a.PostalCode) {
		return apperr.Invalid("invalid US postal code %q", a.PostalCode)
	}
	skus := map[string]bool{}
	for i := range o.Lines {
		l := &o.Lines[i]
		l.LineNo = i + 1
		if l.Qty <= 0 || l.SKU == "" {
			return apperr.Invalid("line %d: sku and positive qty required", l.LineNo)
		}
		if skus[l.SKU] {
			return apperr.Invalid("line %d: duplicate sku %s", l.LineNo, l.SKU)
		}
		skus[l.SKU] = true
		l.AllocatedQty, l.PickedQty, l.ShippedQty = 0, 0, 0
	}
	if o.Priority == 0 {
		o.Priority = 5
	}
	if o.ShipBy.IsZero() {
		o.ShipBy = DefaultShipBy(now, o.Priority)
	}
	o.Status = models.OrderNew
	return nil
}

// DefaultShipBy gives same-day for orders in before the cutoff, otherwise
// next business day; priority 1 orders always get today's end of day.
func DefaultShipBy(now time.Time, priority int) time.Time {
	eod := time.Date(now.Year(), now.Month(), now.Day(), 18, 0, 0, 0, now.Location())
	if priority == 1 || now.Hour() < SameDayCutoff {
		return eod
	}
	next := eod.AddDate(0, 0, 1)
	for next.Weekday() == time.Saturday || next.Weekday() == time.Sunday {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// ApplyAllocation updates line allocated quantities and picks the status.
// Clients that do not allow backorders get their order left "new" for
// customer service to resolve.
func ApplyAllocation(o *models.Order, allocated map[int]int, short map[int]int, allowBackorder bool) models.OrderStatus {
	for i := range o.Lines {
		o.Lines[i].AllocatedQty += allocated[o.Lines[i].LineNo]
	}
	if len(short) == 0 {
		return models.OrderAllocated
	}
	if allowBackorder {
		return models.OrderBackorder
	}
	return models.OrderNew
}

func Cancellable(o *models.Order) error {
	switch o.Status {
	case models.OrderPicking, models.OrderPacked, models.OrderShipped:
		return apperr.Conflict("order %s is already %s", o.ID, o.Status)
	case models.OrderCancelled:
		return apperr.Conflict("order %s already cancelled", o.ID)
	}
	return nil
}
