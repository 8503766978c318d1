package entity

import (
	"time"

	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/money"
)

// TripRequestedEvent is published when a rider requests a trip.
type TripRequestedEvent struct {
	TripID   int64     `json:"trip_id"`
	RiderID  int64     `json:"rider_id"`
	RideType RideType  `json:"ride_type"`
	Pickup   geo.Point `json:"pickup"`
	Attempt  int       `json:"attempt"`
}

// TripMatchedEvent is published when a driver accepts.
type TripMatchedEvent struct {
	TripID   int64   `json:"trip_id"`
	RiderID  int64   `json:"rider_id"`
	DriverID int64   `json:"driver_id"`
	ETAMin   float64 `json:"eta_min"`
}

// TripCompletedEvent is published when a trip ends normally.
type TripCompletedEvent struct {
	TripID        int64         `json:"trip_id"`
	RiderID       int64         `json:"rider_id"`
	DriverID      int64         `json:"driver_id"`
	FoodOrderID   int64         `json:"food_order_id,omitempty"`
	Fare          FareBreakdown `json:"fare"`
	PaymentMethod int64         `json:"payment_method_id"`
	PromoCode     string        `json:"promo_code,omitempty"`
	CompletedAt   time.Time     `json:"completed_at"`
}

// TripCancelledEvent is published on rider/driver cancellation.
type TripCancelledEvent struct {
	TripID    int64       `json:"trip_id"`
	RiderID   int64       `json:"rider_id"`
	DriverID  int64       `json:"driver_id,omitempty"`
	By        string      `json:"by"`
	Reason    string      `json:"reason"`
	CancelFee money.Money `json:"cancel_fee"`
}

// OrderEvent is published for food order state changes.
type OrderEvent struct {
	OrderID      int64       `json:"order_id"`
	RiderID      int64       `json:"rider_id"`
	RestaurantID int64       `json:"restaurant_id"`
	Restaurant   string      `json:"restaurant"`
	CourierID    int64       `json:"courier_id,omitempty"`
	Total        money.Money `json:"total"`
	Status       string      `json:"status"`
	Pickup       geo.Point   `json:"pickup"`
	Dropoff      geo.Point   `json:"dropoff"`
}

// PaymentEvent is published on capture or failure.
type PaymentEvent struct {
	PaymentID int64       `json:"payment_id"`
	RiderID   int64       `json:"rider_id"`
	TripID    int64       `json:"trip_id,omitempty"`
	OrderID   int64       `json:"order_id,omitempty"`
	Amount    money.Money `json:"amount"`
	Reason    string      `json:"reason,omitempty"`
}

// DriverEvent is published for driver lifecycle changes.
type DriverEvent struct {
	DriverID int64  `json:"driver_id"`
	Phone    string `json:"phone"`
	Detail   string `json:"detail"`
}

// RatingSubmittedEvent is published when either party rates a trip.
type RatingSubmittedEvent struct {
	TripID    int64  `json:"trip_id"`
	RaterRole string `json:"rater_role"`
	RateeID   int64  `json:"ratee_id"`
	Stars     int    `json:"stars"`
}
