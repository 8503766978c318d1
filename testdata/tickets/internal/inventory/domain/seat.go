// Package domain is the seating and inventory model: reserved seats, general
// admission pools and time-limited holds placed during checkout.
package domain

import (
	"fmt"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
)

// SeatState is the sale state of a reserved seat.
type SeatState string

const (
	SeatAvailable SeatState = "available"
	SeatHeld      SeatState = "held"
	SeatSold      SeatState = "sold"
	SeatBlocked   SeatState = "blocked"
)

// Seat is one reserved seat for one event.
type Seat struct {
	ID          string    `db:"id"`
	EventID     string    `db:"event_id"`
	Section     string    `db:"section"`
	Row         string    `db:"row_label"`
	Number      int       `db:"seat_number"`
	PriceTierID string    `db:"price_tier_id"`
	State       SeatState `db:"state"`
	HoldID      *string   `db:"hold_id"`
}

// Label is the human label printed on tickets, e.g. "B / 12 / 7".
func (s Seat) Label() string { return fmt.Sprintf("%s / %s / %d", s.Section, s.Row, s.Number) }

// RowLabel converts a zero-based row index into A, B, ..., Z, AA, AB ...
func RowLabel(i int) string {
	s := ""
	for i >= 0 {
		s = string(rune('A'+i%26)) + s
		i = i/26 - 1
	}
	return s
}

// GAPool is the general-admission capacity of a section.
type GAPool struct {
	EventID     string `db:"event_id"`
	Section     string `db:"section"`
	PriceTierID string `db:"price_tier_id"`
	Capacity    int    `db:"capacity"`
	Held        int    `db:"held"`
	Sold        int    `db:"sold"`
}

// Available is the number of places that can still be held.
func (p GAPool) Available() int { return p.Capacity - p.Held - p.Sold }

// Reserve checks whether qty places can be held.
func (p GAPool) Reserve(qty int) error {
	if qty <= 0 {
		return errs.Invalid("inventory.GAPool.Reserve", "quantity must be positive")
	}
	if p.Available() < qty {
		return errs.Conflict("inventory.GAPool.Reserve", fmt.Sprintf("only %d places left in %s", p.Available(), p.Section))
	}
	return nil
}

// SectionAvailability is what the seat map shows.
type SectionAvailability struct {
	Section     string `db:"section" json:"section"`
	PriceTierID string `db:"price_tier_id" json:"price_tier_id"`
	Available   int    `db:"available" json:"available"`
	Total       int    `db:"total" json:"total"`
}

// HoldStatus is the lifecycle of a hold.
type HoldStatus string

const (
	HoldActive    HoldStatus = "active"
	HoldConfirmed HoldStatus = "confirmed"
	HoldReleased  HoldStatus = "released"
	HoldExpired   HoldStatus = "expired"
)

// GAItem is a quantity held in a general-admission section.
type GAItem struct {
	Section     string `json:"section"`
	PriceTierID string `json:"price_tier_id"`
	Qty         int    `json:"qty"`
}

// Hold reserves inventory for a checkout for a limited time.
type Hold struct {
	ID        string
	EventID   string
	SessionID string
	OrderID   string
	SeatIDs   []string
	GA        []GAItem
	Status    HoldStatus
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Expired reports whether an active hold has run out.
func (h *Hold) Expired(now time.Time) bool {
	return h.Status == HoldActive && !now.Before(h.ExpiresAt)
}

// Confirm turns the hold into a sale.
func (h *Hold) Confirm(orderID string, now time.Time) error {
	const op = "inventory.Hold.Confirm"
	switch {
	case h.Status == HoldConfirmed && h.OrderID == orderID:
		return nil // idempotent
	case h.Status != HoldActive:
		return errs.Conflict(op, "hold is "+string(h.Status))
	case h.Expired(now):
		return errs.Conflict(op, "hold expired")
	}
	h.Status, h.OrderID = HoldConfirmed, orderID
	return nil
}

// Release gives the inventory back.
func (h *Hold) Release(expired bool) error {
	if h.Status != HoldActive {
		return errs.Conflict("inventory.Hold.Release", "hold is "+string(h.Status))
	}
	h.Status = HoldReleased
	if expired {
		h.Status = HoldExpired
	}
	return nil
}

// Units is the number of admissions the hold covers.
func (h *Hold) Units() int {
	n := len(h.SeatIDs)
	for _, g := range h.GA {
		n += g.Qty
	}
	return n
}
