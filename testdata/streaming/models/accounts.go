package models

import (
	"time"

	"github.com/flickstream/api/pkg/money"
)

// Account statuses.
const (
	AccountActive    = "active"
	AccountSuspended = "suspended"
	AccountClosed    = "closed"
)

// Account is the billing-holder and owner of profiles.
type Account struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Country   string    `json:"country"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

// Profile is one viewer within an account.
type Profile struct {
	ID        string         `json:"id"`
	AccountID string         `json:"account_id"`
	Name      string         `json:"name"`
	Kids      bool           `json:"kids"`
	MaxRating MaturityRating `json:"max_rating"`
	Language  string         `json:"language"`
	AvatarURL string         `json:"avatar_url,omitempty"`
	BirthYear int            `json:"birth_year,omitempty"`
	CreatedAt time.Time      `json:"created_at"`
}

// ParentalControls restricts what a profile may watch.
type ParentalControls struct {
	ProfileID       string         `json:"profile_id"`
	MaxRating       MaturityRating `json:"max_rating"`
	PINRequired     bool           `json:"pin_required"`
	BlockedTitleIDs []string       `json:"blocked_title_ids"`
	UpdatedAt       time.Time      `json:"updated_at"`
}

// Subscription statuses.
const (
	SubTrialing = "trialing"
	SubActive   = "active"
	SubPastDue  = "past_due"
	SubCanceled = "canceled"
	SubExpired  = "expired"
)

// Plan is a purchasable subscription tier.
type Plan struct {
	Code       string       `json:"code"`
	Name       string       `json:"name"`
	Price      money.Amount `json:"price"`
	MaxStreams int          `json:"max_streams"`
	MaxQuality string       `json:"max_quality"`
	HasAds     bool         `json:"has_ads"`
	Active     bool         `json:"active"`
}

// Subscription ties an account to a plan.
type Subscription struct {
	ID                 string     `json:"id"`
	AccountID          string     `json:"account_id"`
	PlanCode           string     `json:"plan_code"`
	Status             string     `json:"status"`
	CurrentPeriodStart time.Time  `json:"current_period_start"`
	CurrentPeriodEnd   time.Time  `json:"current_period_end"`
	CancelAtPeriodEnd  bool       `json:"cancel_at_period_end"`
	PastDueSince       *time.Time `json:"past_due_since,omitempty"`
	CreatedAt          time.Time  `json:"created_at"`
}

// Entitled reports whether the subscription grants playback at t.
func (s Subscription) Entitled(t time.Time) bool {
	switch s.Status {
	case SubActive, SubTrialing:
		return t.Before(s.CurrentPeriodEnd)
	case SubPastDue:
		// grace period of 7 days while dunning runs
		return s.PastDueSince != nil && t.Sub(*s.PastDueSince) < 7*24*time.Hour
	default:
		return false
	}
}

// Invoice is a bill for one period.
type Invoice struct {
	ID             string       `json:"id"`
	AccountID      string       `json:"account_id"`
	SubscriptionID string       `json:"subscription_id"`
	Amount         money.Amount `json:"amount"`
	Status         string       `json:"status"`
	PeriodStart    time.Time    `json:"period_start"`
	PeriodEnd      time.Time    `json:"period_end"`
	Attempts       int          `json:"attempts"`
	DueAt          time.Time    `json:"due_at"`
	PaidAt         *time.Time   `json:"paid_at,omitempty"`
}
