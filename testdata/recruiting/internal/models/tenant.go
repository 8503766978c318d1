// Package models holds the entity and DTO types shared by the whole ATS.
// It started as the "one place for structs" in 2019 and every team has added
// to it since.
package models

import (
	"time"

	"github.com/hirebase/ats/internal/platform/money"
)

type TenantStatus string

const (
	TenantTrial     TenantStatus = "trial"
	TenantActive    TenantStatus = "active"
	TenantPastDue   TenantStatus = "past_due"
	TenantSuspended TenantStatus = "suspended"
)

type Tenant struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Subdomain string       `json:"subdomain"`
	Status    TenantStatus `json:"status"`
	Currency  string       `json:"currency"`
	CreatedAt time.Time    `json:"created_at"`
}

// Role names. "admin" implies every role.
const (
	RoleAdmin          = "admin"
	RoleRecruiter      = "recruiter"
	RoleHiringManager  = "hiring_manager"
	RoleInterviewer    = "interviewer"
	RoleFinance        = "finance"
	RoleEmployee       = "employee"
	RoleBillingManager = "billing_manager"
)

type User struct {
	ID           string    `json:"id"`
	TenantID     string    `json:"tenant_id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	DepartmentID string    `json:"department_id,omitempty"`
	Roles        []string  `json:"roles"`
	Active       bool      `json:"active"`
	CreatedAt    time.Time `json:"created_at"`
}

type Department struct {
	ID       string `json:"id"`
	TenantID string `json:"tenant_id"`
	Name     string `json:"name"`
	HeadID   string `json:"head_id,omitempty"`
}

type Plan struct {
	Code          string       `json:"code"`
	Name          string       `json:"name"`
	BasePrice     money.Amount `json:"base_price"`
	IncludedSeats int          `json:"included_seats"`
	SeatPrice     money.Amount `json:"seat_price"`
	MaxOpenReqs   int          `json:"max_open_reqs"`
}

type Subscription struct {
	TenantID          string    `json:"tenant_id"`
	PlanCode          string    `json:"plan_code"`
	Status            string    `json:"status"` // trial, active, past_due, suspended, cancelled
	CustomerRef       string    `json:"-"`
	PeriodStart       time.Time `json:"period_start"`
	PeriodEnd         time.Time `json:"period_end"`
	FailedAttempts    int       `json:"failed_attempts"`
	CancelAtPeriodEnd bool      `json:"cancel_at_period_end"`
}

type InvoiceLine struct {
	Description string       `json:"description"`
	Quantity    int64        `json:"quantity"`
	UnitPrice   money.Amount `json:"unit_price"`
	Total       money.Amount `json:"total"`
}

type Invoice struct {
	ID          string        `json:"id"`
	TenantID    string        `json:"tenant_id"`
	Number      string        `json:"number"`
	Status      string        `json:"status"`
	PeriodStart time.Time     `json:"period_start"`
	PeriodEnd   time.Time     `json:"period_end"`
	Lines       []InvoiceLine `json:"lines"`
	Total       money.Amount  `json:"total"`
	IssuedAt    time.Time     `json:"issued_at"`
	PaidAt      *time.Time    `json:"paid_at,omitempty"`
}
