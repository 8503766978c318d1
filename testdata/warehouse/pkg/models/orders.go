package models

import "time"

type OrderStatus string

const (
	OrderNew       OrderStatus = "new"
	OrderBackorder OrderStatus = "backorder"
	OrderAllocated OrderStatus = "allocated"
	OrderReleased  OrderStatus = "released"
	OrderPicking   OrderStatus = "picking"
	OrderPacked    OrderStatus = "packed"
	OrderShipped   OrderStatus = "shipped"
	OrderCancelled OrderStatus = "cancelled"
)

type Order struct {
	ID          string      `json:"id"`
	ClientID    string      `json:"client_id"`
	ExternalRef string      `json:"external_ref"`
	Status      OrderStatus `json:"status"`
	Priority    int         `json:"priority"`
	ShipTo      Address     `json:"ship_to"`
	Carrier     string      `json:"carrier,omitempty"`
	Service     string      `json:"service,omitempty"`
	ShipBy      time.Time   `json:"ship_by"`
	Lines       []OrderLine `json:"lines"`
	WaveID      string      `json:"wave_id,omitempty"`
	Notes       string      `json:"notes,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`
	ShippedAt   *time.Time  `json:"shipped_at,omitempty"`
}

type OrderLine struct {
	LineNo       int    `json:"line_no"`
	SKU          string `json:"sku"`
	Qty          int    `json:"qty"`
	AllocatedQty int    `json:"allocated_qty"`
	PickedQty    int    `json:"picked_qty"`
	ShippedQty   int    `json:"shipped_qty"`
}

func (o *Order) Units() int {
	n := 0
	for _, l := range o.Lines {
		n += l.Qty
	}
	return n
}
