package models

import (
	"time"

	"github.com/keystoneprop/platform/internal/money"
)

type Listing struct {
	ID          string      `json:"id"`
	UnitID      string      `json:"unit_id"`
	Headline    string      `json:"headline"`
	Description string      `json:"description"`
	AskingRent  money.Cents `json:"asking_rent"`
	Deposit     money.Cents `json:"deposit"`
	AvailableOn time.Time   `json:"available_on"`
	PetsAllowed bool        `json:"pets_allowed"`
	Published   bool        `json:"published"`
	CreatedAt   time.Time   `json:"created_at"`
}

type ApplicationStatus string

const (
	AppSubmitted ApplicationStatus = "submitted"
	AppScreening ApplicationStatus = "screening"
	AppApproved  ApplicationStatus = "approved"
	AppDenied    ApplicationStatus = "denied"
	AppWithdrawn ApplicationStatus = "withdrawn"
)

type Application struct {
	ID            string            `json:"id"`
	ListingID     string            `json:"listing_id"`
	UnitID        string            `json:"unit_id"`
	ApplicantName string            `json:"applicant_name"`
	Email         string            `json:"email"`
	Phone         string            `json:"phone"`
	MonthlyIncome money.Cents       `json:"monthly_income"`
	SSNLast4      string            `json:"-"`
	MoveInDate    time.Time         `json:"move_in_date"`
	Status        ApplicationStatus `json:"status"`
	FeePaymentID  string            `json:"fee_payment_id,omitempty"`
	Decision      string            `json:"decision,omitempty"`
	SubmittedAt   time.Time         `json:"submitted_at"`
}

type ScreeningReport struct {
	ID             string    `json:"id"`
	ApplicationID  string    `json:"application_id"`
	Provider       string    `json:"provider"`
	CreditScore    int       `json:"credit_score"`
	Evictions      int       `json:"evictions"`
	CriminalHits   int       `json:"criminal_hits"`
	IncomeVerified bool      `json:"income_verified"`
	Recommendation string    `json:"recommendation"`
	CompletedAt    time.Time `json:"completed_at"`
}

type Tenant struct {
	ID        string    `json:"id"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	Email     string    `json:"email"`
	Phone     string    `json:"phone"`
	SMSOptIn  bool      `json:"sms_opt_in"`
	CreatedAt time.Time `json:"created_at"`
}

func (t Tenant) FullName() string { return t.FirstName + " " + t.LastName }

type LeaseStatus string

const (
	LeaseDraft      LeaseStatus = "draft"
	LeaseSent       LeaseStatus = "sent"
	LeaseActive     LeaseStatus = "active"
	LeaseNotice     LeaseStatus = "notice"
	LeaseEnded      LeaseStatus = "ended"
	LeaseTerminated LeaseStatus = "terminated"
)

type Lease struct {
	ID            string      `json:"id"`
	UnitID        string      `json:"unit_id"`
	PropertyID    string      `json:"property_id"`
	ApplicationID string      `json:"application_id,omitempty"`
	TenantIDs     []string    `json:"tenant_ids"`
	StartDate     time.Time   `json:"start_date"`
	EndDate       time.Time   `json:"end_date"`
	MonthlyRent   money.Cents `json:"monthly_rent"`
	Deposit       money.Cents `json:"deposit"`
	RentDueDay    int         `json:"rent_due_day"`
	Status        LeaseStatus `json:"status"`
	EnvelopeID    string      `json:"envelope_id,omitempty"`
	SignedAt      *time.Time  `json:"signed_at,omitempty"`
}

type Renewal struct {
	ID          string      `json:"id"`
	LeaseID     string      `json:"lease_id"`
	OfferedRent money.Cents `json:"offered_rent"`
	TermMonths  int         `json:"term_months"`
	Status      string      `json:"status"`
	OfferedAt   time.Time   `json:"offered_at"`
	RespondBy   time.Time   `json:"respond_by"`
}
