package models

import "time"

type RMA struct {
	ID        string    `json:"id"`
	ClientID  string    `json:"client_id"`
	OrderID   string    `json:"order_id"`
	Number    string    `json:"number"`
	Status    string    `json:"status"` // authorised, received, closed
	Reason    string    `json:"reason"`
	Lines     []RMALine `json:"lines"`
	CreatedAt time.Time `json:"created_at"`
}

type RMALine struct {
	SKU         string `json:"sku"`
	Qty         int    `json:"qty"`
	ReceivedQty int    `json:"received_qty"`
	Disposition string `json:"disposition,omitempty"` // restock, refurbish, scrap
}
