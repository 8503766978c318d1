// Package models holds the shared data types passed between packages.
// Historically every team added its structs here; new code should prefer
// package-local types, but most of the backend still imports this.
package models

import (
	"time"

	"mvno.telco/core/platform/money"
)

type SubscriberStatus string

const (
	SubscriberPending    SubscriberStatus = "pending"
	SubscriberActive     SubscriberStatus = "active"
	SubscriberSuspended  SubscriberStatus = "suspended"
	SubscriberTerminated SubscriberStatus = "terminated"
)

const (
	PaymentModePrepaid  = "prepaid"
	PaymentModePostpaid = "postpaid"
)

type Subscriber struct {
	ID          string           `json:"id"`
	FirstName   string           `json:"first_name"`
	LastName    string           `json:"last_name"`
	Email       string           `json:"email"`
	DateOfBirth time.Time        `json:"date_of_birth"`
	Address     string           `json:"address"`
	MSISDN      string           `json:"msisdn,omitempty"`
	ICCID       string           `json:"iccid,omitempty"`
	PlanCode    string           `json:"plan_code"`
	PaymentMode string           `json:"payment_mode"`
	Status      SubscriberStatus `json:"status"`
	KYCStatus   string           `json:"kyc_status"`
	BillingDay  int              `json:"billing_day"`
	ActivatedAt time.Time        `json:"activated_at,omitempty"`
	CreatedAt   time.Time        `json:"created_at"`
}

func (s Subscriber) FullName() string { return s.FirstName + " " + s.LastName }

type Subscription struct {
	SubscriberID string    `json:"subscriber_id"`
	PlanCode     string    `json:"plan_code"`
	AddOns       []string  `json:"add_ons"`
	StartedAt    time.Time `json:"started_at"`
	EndedAt      time.Time `json:"ended_at,omitempty"`
}

type KYCCheck struct {
	ID             string    `json:"id"`
	SubscriberID   string    `json:"subscriber_id"`
	Vendor         string    `json:"vendor"`
	DocumentType   string    `json:"document_type"`
	DocumentNumber string    `json:"document_number"`
	DocumentExpiry time.Time `json:"document_expiry"`
	Result         string    `json:"result"` // passed | failed | review
	Reason         string    `json:"reason,omitempty"`
	CheckedAt      time.Time `json:"checked_at"`
}

// SubscriberOverview is the 360° view used by the care desk and the
// self-care app. It mixes data from half the system.
type SubscriberOverview struct {
	Subscriber    Subscriber   `json:"subscriber"`
	Plan          *Plan        `json:"plan,omitempty"`
	Balance       *Balance     `json:"balance,omitempty"`
	Outstanding   money.Money  `json:"outstanding"`
	OpenInvoices  []Invoice    `json:"open_invoices,omitempty"`
	OpenCases     []Case       `json:"open_cases,omitempty"`
	PendingPort   *PortRequest `json:"pending_port,omitempty"`
	LastPaymentAt time.Time    `json:"last_payment_at,omitempty"`
}
