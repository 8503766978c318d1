// Package model holds trip-context types that are not shared with other teams.
package model

import (
	"time"

	"github.com/zipcab/backend/app/common/entity"
)

// transitions lists the allowed trip state machine edges.
var transitions = map[entity.TripStatus][]entity.TripStatus{
	entity.TripRequested: {entity.TripMatched, entity.TripCancelled, entity.TripExpired},
	entity.TripMatched:   {entity.TripArriving, entity.TripOnTrip, entity.TripCancelled},
	entity.TripArriving:  {entity.TripOnTrip, entity.TripCancelled},
	entity.TripOnTrip:    {entity.TripCompleted},
}

// CanTransition reports whether from -> to is allowed.
func CanTransition(from, to entity.TripStatus) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// StatusChange is a row of trip_status_history.
type StatusChange struct {
	TripID int64             `json:"trip_id"`
	From   entity.TripStatus `json:"from"`
	To     entity.TripStatus `json:"to"`
	Actor  string            `json:"actor"`
	At     time.Time         `json:"at"`
}

// OfferState is the state of a dispatch offer.
type OfferState string

const (
	OfferPending  OfferState = "pending"
	OfferAccepted OfferState = "accepted"
	OfferDeclined OfferState = "declined"
	OfferTimedOut OfferState = "timed_out"
)

// Offer is a trip offered to one driver for a short window.
type Offer struct {
	ID        int64      `json:"id"`
	TripID    int64      `json:"trip_id"`
	DriverID  int64      `json:"driver_id"`
	ETAMin    float64    `json:"eta_min"`
	State     OfferState `json:"state"`
	Attempt   int        `json:"attempt"`
	ExpiresAt time.Time  `json:"expires_at"`
	CreatedAt time.Time  `json:"created_at"`
}

// OfferWindow is how long a driver has to respond.
const OfferWindow = 15 * time.Second

// Participants are the two parties of a trip (used for ratings and support).
type Participants struct {
	TripID   int64
	RiderID  int64
	DriverID int64
	Status   entity.TripStatus
	EndedAt  *time.Time
}

// RequestInput is what a rider submits to request a trip.
type RequestInput struct {
	QuoteID         string `json:"quote_id"`
	PaymentMethodID int64  `json:"payment_method_id"`
	PromoCode       string `json:"promo_code,omitempty"`
	PickupAddress   string `json:"pickup_address"`
	DropoffAddress  string `json:"dropoff_address"`
}

// CompleteInput is what the driver app submits at drop-off.
type CompleteInput struct {
	DistanceKm  float64 `json:"distance_km"`
	DurationMin float64 `json:"duration_min"`
}
