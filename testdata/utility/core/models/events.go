package models

import (
	"time"

	"gridline.energy/platform/kit/money"
)

// Event type names. Kept here so subscribers do not import publishers.
const (
	EventAccountOpened   = "account.opened"
	EventAccountClosed   = "account.closed"
	EventReadingAccepted = "reading.accepted"
	EventBillIssued      = "bill.issued"
	EventPaymentReceived = "payment.received"
	EventPaymentFailed   = "payment.failed"
	EventPlanBroken      = "collections.plan_broken"
	EventSwitchCompleted = "switch.completed"
	EventOutageRestored  = "outage.restored"
	EventMeterExchanged  = "meter.exchanged"
)

type AccountOpened struct {
	AccountID  string `json:"account_id"`
	CustomerID string `json:"customer_id"`
}

type BillIssuedPayload struct {
	BillID        string      `json:"bill_id"`
	AccountID     string      `json:"account_id"`
	InvoiceNumber string      `json:"invoice_number"`
	Total         money.Pence `json:"total"`
	DueDate       time.Time   `json:"due_date"`
}

type PaymentPayload struct {
	PaymentID string      `json:"payment_id"`
	AccountID string      `json:"account_id"`
	Amount    money.Pence `json:"amount"`
	Reason    string      `json:"reason,omitempty"`
}

type SwitchCompletedPayload struct {
	SwitchID   string    `json:"switch_id"`
	SiteID     string    `json:"site_id"`
	AccountID  string    `json:"account_id"`
	Direction  string    `json:"direction"`
	SwitchDate time.Time `json:"switch_date"`
}

type ReadingAcceptedPayload struct {
	ReadingID string    `json:"reading_id"`
	MeterID   string    `json:"meter_id"`
	SiteID    string    `json:"site_id"`
	ReadAt    time.Time `json:"read_at"`
}

type OutageRestoredPayload struct {
	OutageID     string      `json:"outage_id"`
	SiteIDs      []string    `json:"site_ids"`
	Hours        float64     `json:"hours"`
	Compensation money.Pence `json:"compensation"`
}
