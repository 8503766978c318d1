package core

import (
	"fmt"
	"strings"
	"time"
)

// Lifecycle stages for contacts.
const (
	LifecycleLead        = "lead"
	LifecycleQualified   = "qualified"
	LifecycleOpportunity = "opportunity"
	LifecycleCustomer    = "customer"
	LifecycleChurned     = "churned"
)

// Contact is a person the tenant sells to.
type Contact struct {
	ID             ID         `json:"id"`
	TenantID       ID         `json:"tenant_id"`
	OwnerID        ID         `json:"owner_id"`
	CompanyID      ID         `json:"company_id,omitempty"`
	FirstName      string     `json:"first_name"`
	LastName       string     `json:"last_name"`
	Email          string     `json:"email"`
	Phone          string     `json:"phone,omitempty"`
	Title          string     `json:"title,omitempty"`
	LifecycleStage string     `json:"lifecycle_stage"`
	LastActivityAt *time.Time `json:"last_activity_at,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// FullName returns "First Last", falling back to the email address.
func (c Contact) FullName() string {
	n := strings.TrimSpace(c.FirstName + " " + c.LastName)
	if n == "" {
		return c.Email
	}
	return n
}

// Company is an organisation contacts belong to.
type Company struct {
	ID        ID        `json:"id"`
	TenantID  ID        `json:"tenant_id"`
	OwnerID   ID        `json:"owner_id"`
	Name      string    `json:"name"`
	Domain    string    `json:"domain,omitempty"`
	Industry  string    `json:"industry,omitempty"`
	Employees int       `json:"employees,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Money is an amount in minor units.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Add sums two amounts of the same currency.
func (m Money) Add(o Money) Money {
	if m.Currency == "" {
		m.Currency = o.Currency
	}
	return Money{Amount: m.Amount + o.Amount, Currency: m.Currency}
}

// Mul scales an amount by a ratio, rounding half up.
func (m Money) Mul(f float64) Money {
	return Money{Amount: int64(float64(m.Amount)*f + 0.5), Currency: m.Currency}
}

func (m Money) String() string {
	return fmt.Sprintf("%s %d.%02d", strings.ToUpper(m.Currency), m.Amount/100, m.Amount%100)
}

// DealStatus is the outcome state of a deal.
type DealStatus string

const (
	DealOpen DealStatus = "open"
	DealWon  DealStatus = "won"
	DealLost DealStatus = "lost"
)

// Deal is an opportunity in a pipeline.
type Deal struct {
	ID             ID         `json:"id"`
	TenantID       ID         `json:"tenant_id"`
	OwnerID        ID         `json:"owner_id"`
	PipelineID     ID         `json:"pipeline_id"`
	StageID        ID         `json:"stage_id"`
	ContactID      ID         `json:"contact_id,omitempty"`
	CompanyID      ID         `json:"company_id,omitempty"`
	Title          string     `json:"title"`
	Value          Money      `json:"value"`
	Status         DealStatus `json:"status"`
	LostReason     string     `json:"lost_reason,omitempty"`
	ExpectedClose  *time.Time `json:"expected_close,omitempty"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
	LastActivityAt *time.Time `json:"last_activity_at,omitempty"`
	StageChangedAt time.Time  `json:"stage_changed_at"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

// Stage is a column of a pipeline.
type Stage struct {
	ID             ID     `json:"id"`
	PipelineID     ID     `json:"pipeline_id"`
	Name           string `json:"name"`
	Position       int    `json:"position"`
	Probability    int    `json:"probability"` // percent
	RotDays        int    `json:"rot_days,omitempty"`
	AutoSequenceID ID     `json:"auto_sequence_id,omitempty"`
}
