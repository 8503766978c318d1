package models

import (
	"time"

	"mvno.telco/core/platform/money"
)

const (
	PortIn  = "in"
	PortOut = "out"

	PortSubmitted = "submitted"
	PortAccepted  = "accepted"
	PortRejected  = "rejected"
	PortCompleted = "completed"
	PortCancelled = "cancelled"
)

type PortRequest struct {
	ID            string    `json:"id"`
	SubscriberID  string    `json:"subscriber_id"`
	MSISDN        string    `json:"msisdn"`
	Direction     string    `json:"direction"`
	DonorOperator string    `json:"donor_operator"`
	RecipientOp   string    `json:"recipient_operator"`
	PortingCode   string    `json:"porting_code,omitempty"` // PAC / NPAC
	Status        string    `json:"status"`
	RejectReason  string    `json:"reject_reason,omitempty"`
	ExternalRef   string    `json:"external_ref,omitempty"`
	ScheduledFor  time.Time `json:"scheduled_for"`
	CompletedAt   time.Time `json:"completed_at,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// PortCompletedEvent is published on events.PortCompleted.
type PortCompletedEvent struct {
	PortID       string `json:"port_id"`
	SubscriberID string `json:"subscriber_id"`
	MSISDN       string `json:"msisdn"`
	Direction    string `json:"direction"`
}

type Device struct {
	SKU     string      `json:"sku"`
	Name    string      `json:"name"`
	Price   money.Money `json:"price"`
	Stock   int         `json:"stock"`
	SimPack bool        `json:"sim_pack"` // starter pack shipping a physical SIM
	Active  bool        `json:"active"`
}

type OrderItem struct {
	SKU       string      `json:"sku"`
	Quantity  int         `json:"quantity"`
	UnitPrice money.Money `json:"unit_price"`
}

type Order struct {
	ID             string      `json:"id"`
	SubscriberID   string      `json:"subscriber_id"`
	Status         string      `json:"status"` // created | paid | shipped | cancelled
	Items          []OrderItem `json:"items"`
	Subtotal       money.Money `json:"subtotal"`
	Tax            money.Money `json:"tax"`
	Total          money.Money `json:"total"`
	ShipTo         string      `json:"ship_to"`
	TrackingNumber string      `json:"tracking_number,omitempty"`
	ICCID          string      `json:"iccid,omitempty"`
	CreatedAt      time.Time   `json:"created_at"`
}

type Case struct {
	ID           string    `json:"id"`
	SubscriberID string    `json:"subscriber_id"`
	Category     string    `json:"category"` // billing | network | porting | device | other
	Subject      string    `json:"subject"`
	Status       string    `json:"status"`   // open | pending | escalated | closed
	Priority     string    `json:"priority"` // p1..p4
	AssignedTo   string    `json:"assigned_to,omitempty"`
	OpenedAt     time.Time `json:"opened_at"`
	DueAt        time.Time `json:"due_at"`
	ClosedAt     time.Time `json:"closed_at,omitempty"`
}

type CaseNote struct {
	ID        string    `json:"id"`
	CaseID    string    `json:"case_id"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	Internal  bool      `json:"internal"`
	CreatedAt time.Time `json:"created_at"`
}
