package domain

import (
	"time"

	"harbormutual.com/core/platform/money"
)

type QuoteStatus string

const (
	QuoteDraft    QuoteStatus = "DRAFT"
	QuoteRated    QuoteStatus = "RATED"
	QuoteReferred QuoteStatus = "REFERRED"
	QuoteDeclined QuoteStatus = "DECLINED"
	QuoteAccepted QuoteStatus = "ACCEPTED"
	QuoteBound    QuoteStatus = "BOUND"
	QuoteExpired  QuoteStatus = "EXPIRED"
)

type Quote struct {
	ID          int64          `json:"id"`
	Ref         string         `json:"ref"`
	CustomerID  int64          `json:"customer_id"`
	AgentID     int64          `json:"agent_id,omitempty"`
	LOB         LineOfBusiness `json:"lob"`
	State       string         `json:"state"`
	Status      QuoteStatus    `json:"status"`
	Effective   time.Time      `json:"effective"`
	TermMonths  int            `json:"term_months"`
	Risk        Risk           `json:"risk"`
	Coverages   []Coverage     `json:"coverages"`
	Premium     money.Money    `json:"premium"`
	RateVersion string         `json:"rate_version"`
	UWDecision  UWDecision     `json:"uw_decision,omitempty"`
	UWNotes     []string       `json:"uw_notes,omitempty"`
	ExpiresAt   time.Time      `json:"expires_at"`
	Audit
}
