package models

import (
	"time"

	"github.com/hirebase/ats/internal/platform/money"
)

type Interview struct {
	ID            string    `json:"id"`
	TenantID      string    `json:"tenant_id"`
	ApplicationID string    `json:"application_id"`
	Kind          string    `json:"kind"` // phone, video, onsite, technical
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Location      string    `json:"location,omitempty"`
	PanelistIDs   []string  `json:"panelist_ids"`
	Status        string    `json:"status"` // scheduled, completed, cancelled
	CalendarRef   string    `json:"calendar_ref,omitempty"`
}

// Recommendation values on a scorecard.
const (
	RecStrongNo  = "strong_no"
	RecNo        = "no"
	RecYes       = "yes"
	RecStrongYes = "strong_yes"
)

type Scorecard struct {
	ID             string         `json:"id"`
	InterviewID    string         `json:"interview_id"`
	InterviewerID  string         `json:"interviewer_id"`
	Recommendation string         `json:"recommendation"`
	Ratings        map[string]int `json:"ratings"` // attribute -> 1..4
	Notes          string         `json:"notes"`
	SubmittedAt    time.Time      `json:"submitted_at"`
}

type OfferStatus string

const (
	OfferDraft           OfferStatus = "draft"
	OfferPendingApproval OfferStatus = "pending_approval"
	OfferApproved        OfferStatus = "approved"
	OfferSent            OfferStatus = "sent"
	OfferAccepted        OfferStatus = "accepted"
	OfferDeclined        OfferStatus = "declined"
	OfferExpired         OfferStatus = "expired"
	OfferRescinded       OfferStatus = "rescinded"
)

type Offer struct {
	ID            string       `json:"id"`
	TenantID      string       `json:"tenant_id"`
	ApplicationID string       `json:"application_id"`
	RequisitionID string       `json:"requisition_id"`
	CandidateID   string       `json:"candidate_id"`
	BaseSalary    money.Amount `json:"base_salary"`
	SigningBonus  money.Amount `json:"signing_bonus"`
	EquityUnits   int64        `json:"equity_units"`
	StartDate     time.Time    `json:"start_date"`
	Status        OfferStatus  `json:"status"`
	TemplateID    string       `json:"template_id"`
	ExpiresAt     time.Time    `json:"expires_at"`
	CreatedBy     string       `json:"created_by"`
}

type Referral struct {
	ID            string    `json:"id"`
	TenantID      string    `json:"tenant_id"`
	ReferrerID    string    `json:"referrer_id"`
	CandidateID   string    `json:"candidate_id"`
	ApplicationID string    `json:"application_id"`
	Relationship  string    `json:"relationship"`
	Status        string    `json:"status"` // submitted, in_process, hired, not_hired
	CreatedAt     time.Time `json:"created_at"`
}

type BackgroundCheck struct {
	ID            string    `json:"id"`
	TenantID      string    `json:"tenant_id"`
	ApplicationID string    `json:"application_id"`
	CandidateID   string    `json:"candidate_id"`
	Package       string    `json:"package"`
	VendorRef     string    `json:"vendor_ref"`
	Status        string    `json:"status"` // invited, pending, clear, consider, suspended, cancelled
	OrderedBy     string    `json:"ordered_by"`
	OrderedAt     time.Time `json:"ordered_at"`
}

// FunnelRow is one stage of a hiring funnel report.
type FunnelRow struct {
	Stage      string  `json:"stage"`
	Entered    int     `json:"entered"`
	Current    int     `json:"current"`
	Conversion float64 `json:"conversion"`
}

type TimeToFill struct {
	RequisitionID string  `json:"requisition_id"`
	Title         string  `json:"title"`
	Department    string  `json:"department"`
	Days          float64 `json:"days"`
	Hires         int     `json:"hires"`
}
