package domain

import (
	"time"

	"harbormutual.com/core/platform/money"
)

type PolicyStatus string

const (
	PolicyPending   PolicyStatus = "PENDING"
	PolicyActive    PolicyStatus = "ACTIVE"
	PolicyCancelled PolicyStatus = "CANCELLED"
	PolicyLapsed    PolicyStatus = "LAPSED"
	PolicyExpired   PolicyStatus = "EXPIRED"
)

type BillingPlan string

const (
	PayInFull BillingPlan = "FULL"
	Quarterly BillingPlan = "QUARTERLY"
	Monthly   BillingPlan = "MONTHLY"
)

// Installments returns how many invoices the plan produces per term.
func (b BillingPlan) Installments(termMonths int) int {
	switch b {
	case Monthly:
		return termMonths
	case Quarterly:
		return termMonths / 3
	}
	return 1
}

type Policy struct {
	ID           int64          `json:"id"`
	Number       string         `json:"number"`
	QuoteID      int64          `json:"quote_id"`
	CustomerID   int64          `json:"customer_id"`
	AgentID      int64          `json:"agent_id,omitempty"`
	LOB          LineOfBusiness `json:"lob"`
	State        string         `json:"state"`
	Status       PolicyStatus   `json:"status"`
	Effective    time.Time      `json:"effective"`
	Expiry       time.Time      `json:"expiry"`
	TermMonths   int            `json:"term_months"`
	Version      int            `json:"version"`
	Coverages    []Coverage     `json:"coverages"`
	Risk         Risk           `json:"risk"`
	Premium      money.Money    `json:"premium"`
	BillingPlan  BillingPlan    `json:"billing_plan"`
	RenewalOfID  int64          `json:"renewal_of_id,omitempty"`
	CancelReason string         `json:"cancel_reason,omitempty"`
	Audit
}

// Coverage finds a coverage line by code.
func (p *Policy) Coverage(code CoverageCode) (Coverage, bool) {
	for _, c := range p.Coverages {
		if c.Code == code {
			return c, true
		}
	}
	return Coverage{}, false
}

// InForceOn reports whether the policy covered the given date.
func (p *Policy) InForceOn(t time.Time) bool {
	if p.Status != PolicyActive && p.Status != PolicyCancelled && p.Status != PolicyExpired {
		return false
	}
	return !t.Before(p.Effective) && t.Before(p.Expiry)
}
