package models

import "time"

type WaveStatus string

const (
	WavePlanned   WaveStatus = "planned"
	WaveReleased  WaveStatus = "released"
	WaveCompleted WaveStatus = "completed"
)

type Wave struct {
	ID         string     `json:"id"`
	Status     WaveStatus `json:"status"`
	Carrier    string     `json:"carrier,omitempty"`
	CutoffAt   time.Time  `json:"cutoff_at"`
	OrderIDs   []string   `json:"order_ids"`
	TaskCount  int        `json:"task_count"`
	CreatedAt  time.Time  `json:"created_at"`
	ReleasedAt *time.Time `json:"released_at,omitempty"`
}

type PickTaskStatus string

const (
	TaskOpen     PickTaskStatus = "open"
	TaskAssigned PickTaskStatus = "assigned"
	TaskPicked   PickTaskStatus = "picked"
	TaskShort    PickTaskStatus = "short"
)

type PickTask struct {
	ID         string         `json:"id"`
	WaveID     string         `json:"wave_id"`
	OrderID    string         `json:"order_id"`
	LineNo     int            `json:"line_no"`
	SKU        string         `json:"sku"`
	LocationID string         `json:"location_id"`
	LocCode    string         `json:"location_code"`
	BalanceID  string         `json:"balance_id"`
	Qty        int            `json:"qty"`
	PickedQty  int            `json:"picked_qty"`
	Status     PickTaskStatus `json:"status"`
	PickerID   string         `json:"picker_id,omitempty"`
	Seq        int            `json:"seq"`
	PickedAt   *time.Time     `json:"picked_at,omitempty"`
}

type Carton struct {
	ID        string       `json:"id"`
	OrderID   string       `json:"order_id"`
	StationID string       `json:"station_id"`
	BoxType   string       `json:"box_type"`
	Dims      Dimensions   `json:"dims"`
	Items     []CartonItem `json:"items"`
	Closed    bool         `json:"closed"`
	PackedBy  string       `json:"packed_by"`
	ClosedAt  *time.Time   `json:"closed_at,omitempty"`
}

type CartonItem struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}
