package models

import (
	"time"

	"github.com/hirebase/ats/internal/platform/money"
)

type RequisitionStatus string

const (
	ReqDraft           RequisitionStatus = "draft"
	ReqPendingApproval RequisitionStatus = "pending_approval"
	ReqApproved        RequisitionStatus = "approved"
	ReqRejected        RequisitionStatus = "rejected"
	ReqOnHold          RequisitionStatus = "on_hold"
	ReqFilled          RequisitionStatus = "filled"
	ReqClosed          RequisitionStatus = "closed"
)

type Requisition struct {
	ID              string            `json:"id"`
	TenantID        string            `json:"tenant_id"`
	Title           string            `json:"title"`
	DepartmentID    string            `json:"department_id"`
	Location        string            `json:"location"`
	EmploymentType  string            `json:"employment_type"` // full_time, part_time, contract, intern
	Openings        int               `json:"openings"`
	Filled          int               `json:"filled"`
	SalaryMin       money.Amount      `json:"salary_min"`
	SalaryMax       money.Amount      `json:"salary_max"`
	Backfill        bool              `json:"backfill"`
	Status          RequisitionStatus `json:"status"`
	HiringManagerID string            `json:"hiring_manager_id"`
	RecruiterID     string            `json:"recruiter_id"`
	CreatedBy       string            `json:"created_by"`
	CreatedAt       time.Time         `json:"created_at"`
	OpenedAt        *time.Time        `json:"opened_at,omitempty"`
}

// Open reports whether the requisition accepts applications.
func (r Requisition) Open() bool { return r.Status == ReqApproved && r.Filled < r.Openings }

type ApprovalStep struct {
	ID            string     `json:"id"`
	RequisitionID string     `json:"requisition_id"`
	Seq           int        `json:"seq"`
	ApproverID    string     `json:"approver_id"`
	Reason        string     `json:"reason"`   // why this approver is in the chain
	Decision      string     `json:"decision"` // pending, approved, rejected
	Comment       string     `json:"comment,omitempty"`
	DecidedAt     *time.Time `json:"decided_at,omitempty"`
}

type JobPosting struct {
	ID            string     `json:"id"`
	TenantID      string     `json:"tenant_id"`
	RequisitionID string     `json:"requisition_id"`
	Slug          string     `json:"slug"`
	Title         string     `json:"title"`
	Description   string     `json:"description"`
	Location      string     `json:"location"`
	Remote        bool       `json:"remote"`
	ShowSalary    bool       `json:"show_salary"`
	Status        string     `json:"status"` // draft, published, unpublished, expired
	Channels      []string   `json:"channels"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty"`
}

type PostingQuestion struct {
	ID        string   `json:"id"`
	PostingID string   `json:"posting_id"`
	Prompt    string   `json:"prompt"`
	Kind      string   `json:"kind"` // text, yes_no, choice
	Choices   []string `json:"choices,omitempty"`
	Required  bool     `json:"required"`
	Knockout  string   `json:"knockout,omitempty"` // answer that disqualifies
}

type CareerSite struct {
	TenantID     string `json:"tenant_id"`
	Title        string `json:"title"`
	Intro        string `json:"intro"`
	PrimaryColor string `json:"primary_color"`
	Published    bool   `json:"published"`
}
