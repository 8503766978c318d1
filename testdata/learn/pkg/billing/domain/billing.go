// Package domain is the billing model: plans, subscriptions, invoices.
package domain

import (
	"time"

	"quill.dev/academy/pkg/common/types"
)

// Interval is a billing period.
type Interval string

const (
	Monthly Interval = "month"
	Yearly  Interval = "year"
)

// Plan is a subscription plan.
type Plan struct {
	ID            types.PlanID   `json:"id"`
	Name          string         `json:"name"`
	Tier          types.PlanTier `json:"tier"`
	Interval      Interval       `json:"interval"`
	Price         types.Money    `json:"price"`
	StripePriceID string         `json:"-"`
	Active        bool           `json:"active"`
}

// SubStatus is a subscription's lifecycle state.
type SubStatus string

const (
	SubTrialing  SubStatus = "trialing"
	SubActive    SubStatus = "active"
	SubPastDue   SubStatus = "past_due"
	SubCancelled SubStatus = "cancelled"
)

// Subscription is a user's recurring plan.
type Subscription struct {
	ID                string         `json:"id"`
	UserID            types.UserID   `json:"user_id"`
	PlanID            types.PlanID   `json:"plan_id"`
	Tier              types.PlanTier `json:"tier"`
	Status            SubStatus      `json:"status"`
	CurrentPeriodEnd  time.Time      `json:"current_period_end"`
	CancelAtPeriodEnd bool           `json:"cancel_at_period_end"`
	StripeSubID       string         `json:"-"`
	PastDueSince      *time.Time     `json:"-"`
	CreatedAt         time.Time      `json:"created_at"`
}

// Live reports whether the subscription currently grants access. Past-due
// subscriptions keep access during the grace period.
func (s Subscription) Live(now time.Time) bool {
	switch s.Status {
	case SubActive, SubTrialing:
		return now.Before(s.CurrentPeriodEnd.Add(24 * time.Hour))
	case SubPastDue:
		return s.PastDueSince != nil && now.Sub(*s.PastDueSince) < GracePeriod
	}
	return false
}

// GracePeriod is how long a past-due subscription keeps access.
const GracePeriod = 14 * 24 * time.Hour

// NextPeriodEnd advances a period end by one interval.
func NextPeriodEnd(from time.Time, iv Interval) time.Time {
	if iv == Yearly {
		return from.AddDate(1, 0, 0)
	}
	return from.AddDate(0, 1, 0)
}

// InvoiceStatus is an invoice's state.
type InvoiceStatus string

const (
	InvoiceOpen     InvoiceStatus = "open"
	InvoicePaid     InvoiceStatus = "paid"
	InvoiceVoid     InvoiceStatus = "void"
	InvoiceRefunded InvoiceStatus = "refunded"
)

// Invoice is a charge for a subscription period or a one-off course.
type Invoice struct {
	ID             string         `json:"id"`
	UserID         types.UserID   `json:"user_id"`
	SubscriptionID string         `json:"subscription_id,omitempty"`
	CourseID       types.CourseID `json:"course_id,omitempty"`
	Amount         types.Money    `json:"amount"`
	Discount       types.Money    `json:"discount"`
	CouponCode     string         `json:"coupon_code,omitempty"`
	Status         InvoiceStatus  `json:"status"`
	StripeRef      string         `json:"-"`
	CreatedAt      time.Time      `json:"created_at"`
	PaidAt         *time.Time     `json:"paid_at,omitempty"`
}
