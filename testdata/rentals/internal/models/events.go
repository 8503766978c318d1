package models

import (
	"time"

	"github.com/keystoneprop/platform/internal/money"
)

// Event type names published on the outbox.
const (
	EvtLeaseActivated      = "lease.activated"
	EvtLeaseEnded          = "lease.ended"
	EvtApplicationApproved = "application.approved"
	EvtPaymentSettled      = "payment.settled"
	EvtPaymentReturned     = "payment.returned"
	EvtWorkOrderCompleted  = "workorder.completed"
	EvtInvoiceApproved     = "invoice.approved"
	EvtUnitStatusChanged   = "unit.status_changed"
	EvtStatementPublished  = "statement.published"
)

type LeaseActivated struct {
	LeaseID     string      `json:"lease_id"`
	UnitID      string      `json:"unit_id"`
	PropertyID  string      `json:"property_id"`
	TenantIDs   []string    `json:"tenant_ids"`
	StartDate   time.Time   `json:"start_date"`
	MonthlyRent money.Cents `json:"monthly_rent"`
	Deposit     money.Cents `json:"deposit"`
	RentDueDay  int         `json:"rent_due_day"`
}

type LeaseEndedEvent struct {
	LeaseID string    `json:"lease_id"`
	UnitID  string    `json:"unit_id"`
	EndedOn time.Time `json:"ended_on"`
	Reason  string    `json:"reason"`
}

type PaymentEvent struct {
	PaymentID string      `json:"payment_id"`
	LeaseID   string      `json:"lease_id"`
	TenantID  string      `json:"tenant_id"`
	Amount    money.Cents `json:"amount"`
	Reason    string      `json:"reason,omitempty"`
}

type WorkOrderCompleted struct {
	WorkOrderID  string    `json:"work_order_id"`
	PropertyID   string    `json:"property_id"`
	UnitID       string    `json:"unit_id"`
	VendorID     string    `json:"vendor_id"`
	TenantCaused bool      `json:"tenant_caused"`
	CompletedAt  time.Time `json:"completed_at"`
}

type UnitStatusChanged struct {
	UnitID string     `json:"unit_id"`
	From   UnitStatus `json:"from"`
	To     UnitStatus `json:"to"`
}
