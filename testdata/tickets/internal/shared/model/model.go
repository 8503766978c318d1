// Package model holds types that "everybody needs". It started as the DTO
// package of the first Gatehouse API and grew from there; new code should
// prefer its own context's domain package, but much of the platform still
// passes these around.
package model

import (
	"time"

	"gatehouse.events/platform/internal/platform/money"
)

// EventStatus is the lifecycle state of an event on sale.
type EventStatus string

const (
	EventStatusDraft     EventStatus = "draft"
	EventStatusOnSale    EventStatus = "on_sale"
	EventStatusSoldOut   EventStatus = "sold_out"
	EventStatusCancelled EventStatus = "cancelled"
	EventStatusFinished  EventStatus = "finished"
)

// EventSummary is the denormalised event card used by checkout, tickets,
// emails and reports.
type EventSummary struct {
	ID         string      `json:"id"`
	Title      string      `json:"title"`
	VenueID    string      `json:"venue_id"`
	VenueName  string      `json:"venue_name"`
	City       string      `json:"city"`
	StartsAt   time.Time   `json:"starts_at"`
	DoorsAt    time.Time   `json:"doors_at"`
	PromoterID string      `json:"promoter_id"`
	Status     EventStatus `json:"status"`
	Timezone   string      `json:"timezone"`
}

// VenueRef is a minimal venue reference.
type VenueRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	City     string `json:"city"`
	Capacity int    `json:"capacity"`
}

// OrderStatus is the state of an order.
type OrderStatus string

const (
	OrderStatusPending   OrderStatus = "pending"
	OrderStatusPaid      OrderStatus = "paid"
	OrderStatusCancelled OrderStatus = "cancelled"
	OrderStatusRefunded  OrderStatus = "refunded"
	OrderStatusExpired   OrderStatus = "expired"
)

// OrderRef is what other parts of the system know about an order.
type OrderRef struct {
	ID        string      `json:"id"`
	FanID     string      `json:"fan_id"`
	EventID   string      `json:"event_id"`
	Status    OrderStatus `json:"status"`
	Total     money.Money `json:"total"`
	Reference string      `json:"reference"`
	CreatedAt time.Time   `json:"created_at"`
}

// LineRef is one seat or general-admission unit on an order.
type LineRef struct {
	OrderID     string      `json:"order_id"`
	LineNo      int         `json:"line_no"`
	SeatID      string      `json:"seat_id,omitempty"`
	PriceTierID string      `json:"price_tier_id"`
	Price       money.Money `json:"price"`
}

// TicketStatus is the state of an issued ticket.
type TicketStatus string

const (
	TicketStatusValid       TicketStatus = "valid"
	TicketStatusScanned     TicketStatus = "scanned"
	TicketStatusVoid        TicketStatus = "void"
	TicketStatusTransferred TicketStatus = "transferred"
)

// TicketView is a ticket as shown to fans and gate staff.
type TicketView struct {
	ID       string       `json:"id"`
	OrderID  string       `json:"order_id"`
	EventID  string       `json:"event_id"`
	HolderID string       `json:"holder_id"`
	SeatLbl  string       `json:"seat_label"`
	Barcode  string       `json:"barcode"`
	Status   TicketStatus `json:"status"`
}

// FanProfile is the public part of a fan account.
type FanProfile struct {
	ID          string `json:"id"`
	Email       string `json:"email"`
	DisplayName string `json:"display_name"`
	Country     string `json:"country"`
	MarketingOK bool   `json:"marketing_ok"`
	Verified    bool   `json:"verified"`
}

// PromoterRef identifies the promoter who owns an event.
type PromoterRef struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	PayoutIBAN string `json:"-"`
	FeeBps     int64  `json:"fee_bps"`
}

// Page is a generic pagination envelope.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}
