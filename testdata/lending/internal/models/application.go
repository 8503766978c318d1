package models

import (
	"time"

	"lendwise.io/platform/internal/platform/money"
)

type ApplicationStatus string

const (
	AppSubmitted ApplicationStatus = "submitted"
	AppInReview  ApplicationStatus = "in_review"
	AppApproved  ApplicationStatus = "approved"
	AppDeclined  ApplicationStatus = "declined"
	AppWithdrawn ApplicationStatus = "withdrawn"
	AppExpired   ApplicationStatus = "expired"
	AppBooked    ApplicationStatus = "booked"
)

type LoanApplication struct {
	ID              string            `json:"id"`
	BorrowerID      string            `json:"borrower_id"`
	PartnerID       string            `json:"partner_id,omitempty"`
	RequestedAmount money.Cents       `json:"requested_amount"`
	TermMonths      int               `json:"term_months"`
	Purpose         string            `json:"purpose"`
	Status          ApplicationStatus `json:"status"`
	DecisionID      string            `json:"decision_id,omitempty"`
	SubmittedAt     time.Time         `json:"submitted_at"`
	DecidedAt       time.Time         `json:"decided_at,omitempty"`
	UpdatedAt       time.Time         `json:"updated_at"`
}

type DecisionOutcome string

const (
	OutcomeApprove DecisionOutcome = "approve"
	OutcomeDecline DecisionOutcome = "decline"
	OutcomeReview  DecisionOutcome = "review"
)

type Decision struct {
	ID             string          `json:"id"`
	ApplicationID  string          `json:"application_id"`
	Outcome        DecisionOutcome `json:"outcome"`
	RiskTier       string          `json:"risk_tier"`
	APRBps         int64           `json:"apr_bps"`
	ApprovedAmount money.Cents     `json:"approved_amount"`
	MaxTermMonths  int             `json:"max_term_months"`
	Reasons        []string        `json:"reasons"`
	CreditScore    int             `json:"credit_score"`
	DTIBps         int64           `json:"dti_bps"`
	PolicyVersion  string          `json:"policy_version"`
	DecidedBy      string          `json:"decided_by"`
	CreatedAt      time.Time       `json:"created_at"`
}

type CreditReport struct {
	ID           string      `json:"id"`
	BorrowerID   string      `json:"borrower_id"`
	Bureau       string      `json:"bureau"`
	PullType     string      `json:"pull_type"`
	Score        int         `json:"score"`
	Tradelines   []Tradeline `json:"tradelines,omitempty"`
	Inquiries6Mo int         `json:"inquiries_6mo"`
	Bankruptcies int         `json:"bankruptcies"`
	PulledAt     time.Time   `json:"pulled_at"`
	Frozen       bool        `json:"frozen"`
}

type Tradeline struct {
	Creditor       string      `json:"creditor"`
	Kind           string      `json:"kind"`
	Balance        money.Cents `json:"balance"`
	MonthlyPayment money.Cents `json:"monthly_payment"`
	DaysPastDue    int         `json:"days_past_due"`
	OpenedAt       time.Time   `json:"opened_at"`
}

type Offer struct {
	ID                string      `json:"id"`
	ApplicationID     string      `json:"application_id"`
	Amount            money.Cents `json:"amount"`
	TermMonths        int         `json:"term_months"`
	APRBps            int64       `json:"apr_bps"`
	OriginationFeeBps int64       `json:"origination_fee_bps"`
	MonthlyPayment    money.Cents `json:"monthly_payment"`
	Status            string      `json:"status"`
	ExpiresAt         time.Time   `json:"expires_at"`
	CreatedAt         time.Time   `json:"created_at"`
}
