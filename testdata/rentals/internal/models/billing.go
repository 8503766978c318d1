package models

import (
	"time"

	"github.com/keystoneprop/platform/internal/money"
)

type EntryType string

const (
	EntryRent          EntryType = "rent"
	EntryLateFee       EntryType = "late_fee"
	EntryDeposit       EntryType = "deposit"
	EntryDepositDeduct EntryType = "deposit_deduction"
	EntryChargeback    EntryType = "maintenance_chargeback"
	EntryPayment       EntryType = "payment"
	EntryCredit        EntryType = "credit"
	EntryNSF           EntryType = "nsf_reversal"
	EntryAppFee        EntryType = "application_fee"
)

// LedgerEntry is a line on a tenant ledger. Positive amounts are charges,
// negative amounts are payments and credits.
type LedgerEntry struct {
	ID         string      `json:"id"`
	LeaseID    string      `json:"lease_id"`
	PropertyID string      `json:"property_id"`
	Type       EntryType   `json:"type"`
	Amount     money.Cents `json:"amount"`
	Memo       string      `json:"memo"`
	PostedOn   time.Time   `json:"posted_on"`
	DueOn      time.Time   `json:"due_on"`
	PaymentID  string      `json:"payment_id,omitempty"`
	SourceRef  string      `json:"source_ref,omitempty"`
	VoidedAt   *time.Time  `json:"voided_at,omitempty"`
}

type PaymentStatus string

const (
	PayPending  PaymentStatus = "pending"
	PaySettled  PaymentStatus = "settled"
	PayFailed   PaymentStatus = "failed"
	PayReturned PaymentStatus = "returned"
	PayRefunded PaymentStatus = "refunded"
)

type PaymentMethodKind string

const (
	MethodACH  PaymentMethodKind = "ach"
	MethodCard PaymentMethodKind = "card"
)

type PaymentMethod struct {
	ID         string            `json:"id"`
	TenantID   string            `json:"tenant_id"`
	Kind       PaymentMethodKind `json:"kind"`
	Last4      string            `json:"last4"`
	GatewayRef string            `json:"-"`
	IsDefault  bool              `json:"is_default"`
}

type Payment struct {
	ID          string        `json:"id"`
	LeaseID     string        `json:"lease_id"`
	TenantID    string        `json:"tenant_id"`
	MethodID    string        `json:"method_id"`
	Amount      money.Cents   `json:"amount"`
	Fee         money.Cents   `json:"fee"`
	Status      PaymentStatus `json:"status"`
	GatewayRef  string        `json:"gateway_ref,omitempty"`
	FailureCode string        `json:"failure_code,omitempty"`
	Autopay     bool          `json:"autopay"`
	CreatedAt   time.Time     `json:"created_at"`
	SettledAt   *time.Time    `json:"settled_at,omitempty"`
}

type Balance struct {
	LeaseID  string      `json:"lease_id"`
	Charges  money.Cents `json:"charges"`
	Payments money.Cents `json:"payments"`
	Balance  money.Cents `json:"balance"`
	PastDue  money.Cents `json:"past_due"`
	AsOf     time.Time   `json:"as_of"`
}
