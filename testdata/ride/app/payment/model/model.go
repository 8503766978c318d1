// Package model contains payment-context types.
package model

import (
	"time"

	"github.com/zipcab/backend/pkg/money"
)

// Status is the lifecycle of a payment.
type Status string

const (
	StatusAuthorized Status = "authorized"
	StatusCaptured   Status = "captured"
	StatusFailed     Status = "failed"
	StatusVoided     Status = "voided"
	StatusRefunded   Status = "refunded"
)

// Source says what was paid for.
type Source string

const (
	SourceTrip      Source = "trip"
	SourceFoodOrder Source = "food_order"
	SourceCancelFee Source = "cancel_fee"
)

// Payment is a row of payments.
type Payment struct {
	ID         int64
	RiderID    int64
	Source     Source
	SourceID   int64
	MethodID   int64
	Method     string // card | wallet | cash
	IntentRef  string
	Amount     money.Money
	Refunded   money.Money
	Status     Status
	FailReason string
	CreatedAt  time.Time
	CapturedAt *time.Time
}

// Earning is a driver's share of a completed trip or delivery.
type Earning struct {
	ID         int64
	DriverID   int64
	TripID     int64
	Gross      money.Money
	Commission money.Money
	Tip        money.Money
	Net        money.Money
	PayoutID   int64
	EarnedAt   time.Time
}

// EarningsSummary aggregates earnings over a period.
type EarningsSummary struct {
	DriverID   int64       `json:"driver_id"`
	From       time.Time   `json:"from"`
	To         time.Time   `json:"to"`
	Trips      int         `json:"trips"`
	Gross      money.Money `json:"gross"`
	Commission money.Money `json:"commission"`
	Tips       money.Money `json:"tips"`
	Net        money.Money `json:"net"`
	Pending    money.Money `json:"pending_payout"`
}

// CommissionPct is Zipcab's take rate on rides; deliveries use CourierCommissionPct.
const (
	CommissionPct        = 20.0
	CourierCommissionPct = 15.0
)
