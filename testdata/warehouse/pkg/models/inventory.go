package models

import "time"

type LocationType string

const (
	LocDock    LocationType = "dock"
	LocReserve LocationType = "reserve"
	LocPick    LocationType = "pick"
	LocStaging LocationType = "staging"
	LocQC      LocationType = "qc"
)

type Location struct {
	ID        string       `json:"id"`
	Code      string       `json:"code"` // ZONE-AISLE-BAY-LEVEL
	Zone      string       `json:"zone"`
	Type      LocationType `json:"type"`
	MaxVolume float64      `json:"max_volume_cm3"`
	MaxWeight int          `json:"max_weight_g"`
	PickSeq   int          `json:"pick_seq"`
	Blocked   bool         `json:"blocked"`
}

type Item struct {
	SKU         string     `json:"sku"`
	ClientID    string     `json:"client_id"`
	Description string     `json:"description"`
	UPC         string     `json:"upc,omitempty"`
	Dims        Dimensions `json:"dims"`
	CasePack    int        `json:"case_pack"`
	Velocity    string     `json:"velocity"` // A/B/C
	Hazmat      bool       `json:"hazmat"`
	MinPickFace int        `json:"min_pick_face"`
	MaxPickFace int        `json:"max_pick_face"`
}

type InventoryBalance struct {
	ID         string     `json:"id"`
	ClientID   string     `json:"client_id"`
	SKU        string     `json:"sku"`
	LocationID string     `json:"location_id"`
	Lot        string     `json:"lot,omitempty"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	OnHand     int        `json:"on_hand"`
	Allocated  int        `json:"allocated"`
	OnHold     int        `json:"on_hold"`
	ReceivedAt time.Time  `json:"received_at"`
}

func (b InventoryBalance) Available() int { return b.OnHand - b.Allocated - b.OnHold }

type Movement struct {
	ID         string    `json:"id"`
	ClientID   string    `json:"client_id"`
	SKU        string    `json:"sku"`
	FromLoc    string    `json:"from_location_id,omitempty"`
	ToLoc      string    `json:"to_location_id,omitempty"`
	Qty        int       `json:"qty"`
	Reason     string    `json:"reason"`
	Reference  string    `json:"reference,omitempty"`
	UserID     string    `json:"user_id,omitempty"`
	OccurredAt time.Time `json:"occurred_at"`
}

// Allocation reserves stock at a location for an order line.
type Allocation struct {
	OrderID    string `json:"order_id"`
	LineNo     int    `json:"line_no"`
	BalanceID  string `json:"balance_id"`
	LocationID string `json:"location_id"`
	SKU        string `json:"sku"`
	Lot        string `json:"lot,omitempty"`
	Qty        int    `json:"qty"`
}
