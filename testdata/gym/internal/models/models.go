// Package models holds the data types shared between handlers, services and stores.
// It started as "the" model package in 2019 and everything still imports it.
package models

import (
	"time"

	"github.com/pulsefit/clubs/pkg/money"
)

// ---- members & memberships ----

type MemberStatus string

const (
	MemberActive    MemberStatus = "active"
	MemberFrozen    MemberStatus = "frozen"
	MemberSuspended MemberStatus = "suspended"
	MemberCancelled MemberStatus = "cancelled"
	MemberLead      MemberStatus = "lead"
)

type Member struct {
	ID          string       `json:"id"`
	HomeClubID  string       `json:"home_club_id"`
	FirstName   string       `json:"first_name"`
	LastName    string       `json:"last_name"`
	Email       string       `json:"email"`
	Phone       string       `json:"phone"`
	DateOfBirth time.Time    `json:"date_of_birth"`
	Status      MemberStatus `json:"status"`
	MarketingOK bool         `json:"marketing_ok"`
	JoinedAt    time.Time    `json:"joined_at"`
}

func (m Member) FullName() string { return m.FirstName + " " + m.LastName }

type Plan struct {
	ID            string      `json:"id"`
	Code          string      `json:"code"`
	Name          string      `json:"name"`
	MonthlyFee    money.Money `json:"monthly_fee"`
	JoiningFee    money.Money `json:"joining_fee"`
	MinTermMonths int         `json:"min_term_months"`
	AllClubs      bool        `json:"all_clubs"`
	OffPeakOnly   bool        `json:"off_peak_only"`
	ClassCredits  int         `json:"class_credits"` // per month, -1 unlimited
}

type Membership struct {
	ID        string       `json:"id"`
	MemberID  string       `json:"member_id"`
	PlanID    string       `json:"plan_id"`
	ClubID    string       `json:"club_id"`
	Status    MemberStatus `json:"status"`
	StartDate time.Time    `json:"start_date"`
	EndDate   *time.Time   `json:"end_date,omitempty"`
	RenewsOn  time.Time    `json:"renews_on"`
	Plan      *Plan        `json:"plan,omitempty"`
}

// ---- access ----

type CheckIn struct {
	ID       string    `json:"id"`
	MemberID string    `json:"member_id"`
	ClubID   string    `json:"club_id"`
	DeviceID string    `json:"device_id"`
	At       time.Time `json:"at"`
	Allowed  bool      `json:"allowed"`
	Reason   string    `json:"reason,omitempty"`
}

// ---- classes ----

type ClassSession struct {
	ID           string    `json:"id"`
	ClubID       string    `json:"club_id"`
	ClassTypeID  string    `json:"class_type_id"`
	Title        string    `json:"title"`
	InstructorID string    `json:"instructor_id"`
	StudioID     string    `json:"studio_id"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	Capacity     int       `json:"capacity"`
	Booked       int       `json:"booked"`
	Cancelled    bool      `json:"cancelled"`
}

func (c ClassSession) SpacesLeft() int { return c.Capacity - c.Booked }

type Booking struct {
	ID        string    `json:"id"`
	SessionID string    `json:"session_id"`
	MemberID  string    `json:"member_id"`
	Status    string    `json:"status"` // booked, cancelled, attended, no_show
	CreatedAt time.Time `json:"created_at"`
}

// ---- training ----

type Trainer struct {
	ID         string      `json:"id"`
	ClubID     string      `json:"club_id"`
	Name       string      `json:"name"`
	Speciality string      `json:"speciality"`
	HourlyRate money.Money `json:"hourly_rate"`
	Active     bool        `json:"active"`
}

type PTSession struct {
	ID        string    `json:"id"`
	TrainerID string    `json:"trainer_id"`
	MemberID  string    `json:"member_id"`
	StartsAt  time.Time `json:"starts_at"`
	Minutes   int       `json:"minutes"`
	Status    string    `json:"status"`
	PackageID string    `json:"package_id,omitempty"`
}

// ---- billing ----

type InvoiceStatus string

const (
	InvoiceDraft  InvoiceStatus = "draft"
	InvoiceOpen   InvoiceStatus = "open"
	InvoicePaid   InvoiceStatus = "paid"
	InvoiceFailed InvoiceStatus = "failed"
	InvoiceVoid   InvoiceStatus = "void"
)

type InvoiceLine struct {
	Description string      `json:"description"`
	Quantity    int64       `json:"quantity"`
	UnitPrice   money.Money `json:"unit_price"`
	Source      string      `json:"source"` // membership, pt, shop, locker
	SourceRef   string      `json:"source_ref"`
}

func (l InvoiceLine) Total() money.Money { return l.UnitPrice.Mul(l.Quantity) }

type Invoice struct {
	ID       string        `json:"id"`
	MemberID string        `json:"member_id"`
	Number   string        `json:"number"`
	Status   InvoiceStatus `json:"status"`
	IssuedAt time.Time     `json:"issued_at"`
	DueDate  time.Time     `json:"due_date"`
	Lines    []InvoiceLine `json:"lines"`
	Total    money.Money   `json:"total"`
	VAT      money.Money   `json:"vat"`
}

type Mandate struct {
	ID           string    `json:"id"`
	MemberID     string    `json:"member_id"`
	Reference    string    `json:"reference"`
	SortCode     string    `json:"sort_code"`
	AccountLast4 string    `json:"account_last4"`
	Status       string    `json:"status"` // pending, active, paused, cancelled
	CreatedAt    time.Time `json:"created_at"`
}

// ---- shop ----

type Product struct {
	ID       string      `json:"id"`
	SKU      string      `json:"sku"`
	Name     string      `json:"name"`
	Category string      `json:"category"`
	Price    money.Money `json:"price"`
	VATBP    int         `json:"vat_bp"`
	Active   bool        `json:"active"`
}

type OrderLine struct {
	ProductID string      `json:"product_id"`
	Quantity  int         `json:"quantity"`
	UnitPrice money.Money `json:"unit_price"`
}

type Order struct {
	ID        string      `json:"id"`
	MemberID  string      `json:"member_id"`
	ClubID    string      `json:"club_id"`
	Lines     []OrderLine `json:"lines"`
	Total     money.Money `json:"total"`
	PayMethod string      `json:"pay_method"` // card, account
	Status    string      `json:"status"`
	CreatedAt time.Time   `json:"created_at"`
}

// ---- facilities ----

type Club struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Timezone string `json:"timezone"`
	OpensAt  string `json:"opens_at"`
	ClosesAt string `json:"closes_at"`
	Capacity int    `json:"capacity"`
}

type Locker struct {
	ID       string `json:"id"`
	ClubID   string `json:"club_id"`
	Number   string `json:"number"`
	Size     string `json:"size"`
	RentedBy string `json:"rented_by,omitempty"`
}

// ---- marketing ----

type Campaign struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Channel   string    `json:"channel"` // email, sms
	SegmentID string    `json:"segment_id"`
	Body      string    `json:"body"`
	Status    string    `json:"status"`
	SendAt    time.Time `json:"send_at"`
}

// Page is a generic list envelope used by every list endpoint.
type Page[T any] struct {
	Items  []T `json:"items"`
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}
