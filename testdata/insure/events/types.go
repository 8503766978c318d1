package events

import (
	"time"

	"harbormutual.com/core/platform/money"
)

const (
	QuoteAccepted   = "quote.accepted"
	PolicyIssued    = "policy.issued"
	PolicyEndorsed  = "policy.endorsed"
	PolicyRenewed   = "policy.renewed"
	PolicyCancelled = "policy.cancelled"
	ClaimFiled      = "claim.filed"
	ClaimSettled    = "claim.settled"
	ClaimFlagged    = "claim.flagged"
	PaymentReceived = "billing.payment_received"
	PaymentFailed   = "billing.payment_failed"
)

type QuoteAcceptedEvent struct {
	QuoteID    int64
	CustomerID int64
	AgentID    int64
}

func (QuoteAcceptedEvent) EventName() string { return QuoteAccepted }

type PolicyIssuedEvent struct {
	PolicyID     int64
	PolicyNumber string
	CustomerID   int64
	AgentID      int64
	LOB          string
	Premium      money.Money
	BillingPlan  string
	Effective    time.Time
	Expiry       time.Time
}

func (PolicyIssuedEvent) EventName() string { return PolicyIssued }

type PolicyEndorsedEvent struct {
	PolicyID     int64
	CustomerID   int64
	Version      int
	PremiumDelta money.Money
	Effective    time.Time
}

func (PolicyEndorsedEvent) EventName() string { return PolicyEndorsed }

type PolicyRenewedEvent struct {
	PriorPolicyID int64
	PolicyID      int64
	PolicyNumber  string
	CustomerID    int64
	AgentID       int64
	Premium       money.Money
	Effective     time.Time
}

func (PolicyRenewedEvent) EventName() string { return PolicyRenewed }

type PolicyCancelledEvent struct {
	PolicyID      int64
	CustomerID    int64
	Reason        string
	Effective     time.Time
	ReturnPremium money.Money
}

func (PolicyCancelledEvent) EventName() string { return PolicyCancelled }

type ClaimFiledEvent struct {
	ClaimID     int64
	ClaimNumber string
	PolicyID    int64
	CustomerID  int64
	LossType    string
	LossDate    time.Time
	Estimate    money.Money
}

func (ClaimFiledEvent) EventName() string { return ClaimFiled }

type ClaimSettledEvent struct {
	ClaimID  int64
	PolicyID int64
	Amount   money.Money
}

func (ClaimSettledEvent) EventName() string { return ClaimSettled }

type ClaimFlaggedEvent struct {
	ClaimID int64
	Score   float64
	Reasons []string
}

func (ClaimFlaggedEvent) EventName() string { return ClaimFlagged }

type PaymentReceivedEvent struct {
	PaymentID  int64
	InvoiceID  int64
	PolicyID   int64
	CustomerID int64
	Amount     money.Money
}

func (PaymentReceivedEvent) EventName() string { return PaymentReceived }

type PaymentFailedEvent struct {
	InvoiceID  int64
	PolicyID   int64
	CustomerID int64
	Reason     string
	Attempt    int
}

func (PaymentFailedEvent) EventName() string { return PaymentFailed }
