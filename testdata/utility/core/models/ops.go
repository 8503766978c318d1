package models

import "time"

const (
	ReadActual   = "actual"
	ReadCustomer = "customer"
	ReadSmart    = "smart"
	ReadEstimate = "estimate"

	ReadAccepted  = "accepted"
	ReadException = "exception"
	ReadRejected  = "rejected"
)

type Reading struct {
	ID       string    `json:"id"`
	MeterID  string    `json:"meter_id"`
	Register string    `json:"register"`
	Value    float64   `json:"value"`
	ReadAt   time.Time `json:"read_at"`
	Source   string    `json:"source"`
	Status   string    `json:"status"`
}

type Ticket struct {
	ID         string     `json:"id"`
	AccountID  string     `json:"account_id"`
	Category   string     `json:"category"`
	Subject    string     `json:"subject"`
	Body       string     `json:"body,omitempty"`
	Status     string     `json:"status"`
	Priority   int        `json:"priority"`
	Assignee   string     `json:"assignee,omitempty"`
	Complaint  bool       `json:"complaint"`
	CreatedAt  time.Time  `json:"created_at"`
	AckedAt    *time.Time `json:"acked_at,omitempty"`
	ResolvedAt *time.Time `json:"resolved_at,omitempty"`
}

type WorkOrder struct {
	ID           string     `json:"id"`
	SiteID       string     `json:"site_id"`
	Kind         string     `json:"kind"`
	Status       string     `json:"status"`
	ScheduledFor *time.Time `json:"scheduled_for,omitempty"`
	Slot         string     `json:"slot,omitempty"`
	EngineerID   string     `json:"engineer_id,omitempty"`
	Notes        string     `json:"notes,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
}

type SwitchRequest struct {
	ID            string    `json:"id"`
	SiteID        string    `json:"site_id"`
	AccountID     string    `json:"account_id"`
	Direction     string    `json:"direction"` // gain | loss
	Status        string    `json:"status"`
	OtherSupplier string    `json:"other_supplier,omitempty"`
	SwitchDate    time.Time `json:"switch_date"`
	CreatedAt     time.Time `json:"created_at"`
}
