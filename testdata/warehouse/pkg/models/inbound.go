package models

import "time"

type ASNStatus string

const (
	ASNOpen      ASNStatus = "open"
	ASNReceiving ASNStatus = "receiving"
	ASNClosed    ASNStatus = "closed"
	ASNCancelled ASNStatus = "cancelled"
)

// ASN is an advance ship notice from a client announcing inbound stock.
type ASN struct {
	ID         string     `json:"id"`
	ClientID   string     `json:"client_id"`
	Reference  string     `json:"reference"`
	Carrier    string     `json:"carrier,omitempty"`
	ExpectedAt time.Time  `json:"expected_at"`
	Status     ASNStatus  `json:"status"`
	DockDoor   string     `json:"dock_door,omitempty"`
	Lines      []ASNLine  `json:"lines"`
	ClosedAt   *time.Time `json:"closed_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
}

type ASNLine struct {
	LineNo      int    `json:"line_no"`
	SKU         string `json:"sku"`
	ExpectedQty int    `json:"expected_qty"`
	ReceivedQty int    `json:"received_qty"`
	DamagedQty  int    `json:"damaged_qty"`
	Lot         string `json:"lot,omitempty"`
}

type Receipt struct {
	ID         string     `json:"id"`
	ASNID      string     `json:"asn_id"`
	LineNo     int        `json:"line_no"`
	SKU        string     `json:"sku"`
	Qty        int        `json:"qty"`
	Damaged    int        `json:"damaged"`
	Pallets    int        `json:"pallets"`
	LocationID string     `json:"location_id"`
	Lot        string     `json:"lot,omitempty"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	ReceivedBy string     `json:"received_by"`
	ReceivedAt time.Time  `json:"received_at"`
}
