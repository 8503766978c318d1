// Package models holds the types passed around between packages. It started
// as "the structs for the JSON API" and grew to cover nearly everything.
package models

import (
	"time"

	"tablecraft.io/ops/internal/platform/money"
)

// Location is a single restaurant.
type Location struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	Slug           string `json:"slug"`
	Timezone       string `json:"timezone"`
	TaxBasisPoints int    `json:"tax_bps"`
	HasKDS         bool   `json:"has_kds"`
	Phone          string `json:"phone"`
	Active         bool   `json:"active"`
}

// Hours are the opening hours for one weekday.
type Hours struct {
	Weekday  time.Weekday `json:"weekday"`
	OpensAt  string       `json:"opens_at"` // "11:00"
	ClosesAt string       `json:"closes_at"`
	Closed   bool         `json:"closed"`
}

// Category groups menu items.
type Category struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Station   string `json:"station"` // default kitchen station: grill, fry, cold, bar
	SortOrder int    `json:"sort_order"`
}

// MenuItem is a sellable item on the master menu.
type MenuItem struct {
	ID          int64       `json:"id"`
	CategoryID  int64       `json:"category_id"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	BasePrice   money.Cents `json:"base_price"`
	PLU         string      `json:"plu"`
	Station     string      `json:"station,omitempty"`
	PrepSeconds int         `json:"prep_seconds"`
	Alcohol     bool        `json:"alcohol"`
	Active      bool        `json:"active"`
	Modifiers   []Modifier  `json:"modifiers,omitempty"`
}

// Modifier is an add-on or choice ("no onions", "add bacon").
type Modifier struct {
	ID         int64       `json:"id"`
	Name       string      `json:"name"`
	PriceDelta money.Cents `json:"price_delta"`
}

// PricedItem is a menu item with its effective price at a location.
type PricedItem struct {
	MenuItem
	Price     money.Cents `json:"price"`
	Available bool        `json:"available"`
	RuleName  string      `json:"rule,omitempty"`
}

// OrderStatus of a check.
type OrderStatus string

const (
	OrderOpen   OrderStatus = "open"
	OrderFired  OrderStatus = "fired"
	OrderPaid   OrderStatus = "paid"
	OrderClosed OrderStatus = "closed"
	OrderVoided OrderStatus = "voided"
)

// Channel an order came in on.
type Channel string

const (
	ChannelDineIn   Channel = "dine_in"
	ChannelTakeout  Channel = "takeout"
	ChannelOnline   Channel = "online"
	ChannelDelivery Channel = "delivery"
)

// Order is a POS check.
type Order struct {
	ID         int64       `json:"id"`
	LocationID int64       `json:"location_id"`
	TableID    int64       `json:"table_id,omitempty"`
	ServerID   int64       `json:"server_id,omitempty"`
	Channel    Channel     `json:"channel"`
	Status     OrderStatus `json:"status"`
	Guests     int         `json:"guests"`
	Subtotal   money.Cents `json:"subtotal"`
	Discount   money.Cents `json:"discount"`
	Tax        money.Cents `json:"tax"`
	Total      money.Cents `json:"total"`
	ExternalID string      `json:"external_id,omitempty"`
	OpenedAt   time.Time   `json:"opened_at"`
	ClosedAt   *time.Time  `json:"closed_at,omitempty"`
	Lines      []OrderLine `json:"lines,omitempty"`
}

// OrderLine is one item on a check.
type OrderLine struct {
	ID         int64       `json:"id"`
	OrderID    int64       `json:"order_id"`
	MenuItemID int64       `json:"menu_item_id"`
	Name       string      `json:"name"`
	Qty        int         `json:"qty"`
	UnitPrice  money.Cents `json:"unit_price"`
	Modifiers  []Modifier  `json:"modifiers,omitempty"`
	Notes      string      `json:"notes,omitempty"`
	Seat       int         `json:"seat,omitempty"`
	Fired      bool        `json:"fired"`
	Voided     bool        `json:"voided"`
}

// LineTotal is qty * (unit + modifiers).
func (l OrderLine) LineTotal() money.Cents {
	u := l.UnitPrice
	for _, m := range l.Modifiers {
		u += m.PriceDelta
	}
	return u.Mul(l.Qty)
}

// Ticket is what the kitchen sees.
type Ticket struct {
	ID         int64        `json:"id"`
	OrderID    int64        `json:"order_id"`
	LocationID int64        `json:"location_id"`
	Station    string       `json:"station"`
	Label      string       `json:"label"` // "T12" or "Online #1042"
	Status     string       `json:"status"`
	Items      []TicketItem `json:"items"`
	FiredAt    time.Time    `json:"fired_at"`
	BumpedAt   *time.Time   `json:"bumped_at,omitempty"`
}

// TicketItem is a line on a ticket.
type TicketItem struct {
	OrderLineID int64    `json:"order_line_id"`
	Name        string   `json:"name"`
	Qty         int      `json:"qty"`
	Mods        []string `json:"mods,omitempty"`
	Notes       string   `json:"notes,omitempty"`
}
