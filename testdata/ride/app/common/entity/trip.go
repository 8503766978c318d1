// Package entity holds the core domain types shared across the Zipcab monolith.
//
// It started as "the models" for the rides MVP and every team has added to it
// since. New code should prefer context-local model packages.
package entity

import (
	"time"

	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/money"
)

// TripStatus is the lifecycle state of a trip.
type TripStatus string

const (
	TripRequested TripStatus = "requested"
	TripMatched   TripStatus = "matched"
	TripArriving  TripStatus = "arriving"
	TripOnTrip    TripStatus = "on_trip"
	TripCompleted TripStatus = "completed"
	TripCancelled TripStatus = "cancelled"
	TripExpired   TripStatus = "expired"
)

// Terminal reports whether no more transitions are possible.
func (s TripStatus) Terminal() bool {
	return s == TripCompleted || s == TripCancelled || s == TripExpired
}

// RideType is the product tier.
type RideType string

const (
	RideStandard RideType = "standard"
	RideXL       RideType = "xl"
	RideComfort  RideType = "comfort"
	RideCourier  RideType = "courier" // food delivery legs
)

// Trip is a single ride or delivery leg.
type Trip struct {
	ID             int64         `json:"id"`
	RiderID        int64         `json:"rider_id"`
	DriverID       int64         `json:"driver_id,omitempty"`
	RideType       RideType      `json:"ride_type"`
	Status         TripStatus    `json:"status"`
	Pickup         geo.Point     `json:"pickup"`
	Dropoff        geo.Point     `json:"dropoff"`
	PickupAddress  string        `json:"pickup_address"`
	DropoffAddress string        `json:"dropoff_address"`
	QuoteID        string        `json:"quote_id,omitempty"`
	Fare           FareBreakdown `json:"fare"`
	PromoCode      string        `json:"promo_code,omitempty"`
	PaymentMethod  int64         `json:"payment_method_id"`
	FoodOrderID    int64         `json:"food_order_id,omitempty"`
	DistanceKm     float64       `json:"distance_km"`
	DurationMin    float64       `json:"duration_min"`
	RequestedAt    time.Time     `json:"requested_at"`
	MatchedAt      *time.Time    `json:"matched_at,omitempty"`
	StartedAt      *time.Time    `json:"started_at,omitempty"`
	CompletedAt    *time.Time    `json:"completed_at,omitempty"`
	CancelReason   string        `json:"cancel_reason,omitempty"`
}

// FareBreakdown is the priced components of a trip.
type FareBreakdown struct {
	Base       money.Money `json:"base"`
	Distance   money.Money `json:"distance"`
	Time       money.Money `json:"time"`
	SurgeMult  float64     `json:"surge_multiplier"`
	BookingFee money.Money `json:"booking_fee"`
	Discount   money.Money `json:"discount"`
	Total      money.Money `json:"total"`
}
