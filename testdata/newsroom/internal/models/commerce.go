package models

import (
	"time"

	"github.com/dailyherald/newsroom/pkg/money"
)

type Plan struct {
	ID        string      `json:"id"`
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	Price     money.Money `json:"price"`
	Interval  string      `json:"interval"`
	AdFree    bool        `json:"ad_free"`
	Premium   bool        `json:"premium"`
	TrialDays int         `json:"trial_days"`
	Active    bool        `json:"active"`
}

type SubscriptionStatus string

const (
	SubTrialing  SubscriptionStatus = "trialing"
	SubActive    SubscriptionStatus = "active"
	SubPastDue   SubscriptionStatus = "past_due"
	SubCancelled SubscriptionStatus = "cancelled"
	SubExpired   SubscriptionStatus = "expired"
)

type Subscription struct {
	ID                 string             `json:"id"`
	ReaderID           string             `json:"reader_id"`
	PlanID             string             `json:"plan_id"`
	Status             SubscriptionStatus `json:"status"`
	CurrentPeriodStart time.Time          `json:"current_period_start"`
	CurrentPeriodEnd   time.Time          `json:"current_period_end"`
	CancelAtPeriodEnd  bool               `json:"cancel_at_period_end"`
	PromoCode          string             `json:"promo_code,omitempty"`
	PaymentMethodID    string             `json:"payment_method_id"`
	CreatedAt          time.Time          `json:"created_at"`
}

type InvoiceStatus string

const (
	InvoiceOpen          InvoiceStatus = "open"
	InvoicePaid          InvoiceStatus = "paid"
	InvoiceVoid          InvoiceStatus = "void"
	InvoiceUncollectible InvoiceStatus = "uncollectible"
)

type Invoice struct {
	ID             string        `json:"id"`
	Number         string        `json:"number"`
	ReaderID       string        `json:"reader_id,omitempty"`
	AdvertiserID   string        `json:"advertiser_id,omitempty"`
	SubscriptionID string        `json:"subscription_id,omitempty"`
	Status         InvoiceStatus `json:"status"`
	Net            money.Money   `json:"net"`
	Tax            money.Money   `json:"tax"`
	Total          money.Money   `json:"total"`
	Lines          []InvoiceLine `json:"lines,omitempty"`
	DueAt          time.Time     `json:"due_at"`
	PaidAt         *time.Time    `json:"paid_at,omitempty"`
	CreatedAt      time.Time     `json:"created_at"`
}

type InvoiceLine struct {
	Description string      `json:"description"`
	Quantity    int64       `json:"quantity"`
	UnitAmount  money.Money `json:"unit_amount"`
	Amount      money.Money `json:"amount"`
}
