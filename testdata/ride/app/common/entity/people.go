package entity

import (
	"time"

	"github.com/zipcab/backend/pkg/geo"
)

// Rider is a customer account.
type Rider struct {
	ID           int64     `json:"id"`
	Phone        string    `json:"phone"`
	Email        string    `json:"email"`
	FirstName    string    `json:"first_name"`
	LastName     string    `json:"last_name"`
	Rating       float64   `json:"rating"`
	DefaultPM    int64     `json:"default_payment_method_id,omitempty"`
	ReferralCode string    `json:"referral_code"`
	Blocked      bool      `json:"blocked"`
	CreatedAt    time.Time `json:"created_at"`
}

// FullName returns "First Last".
func (r Rider) FullName() string { return r.FirstName + " " + r.LastName }

// DriverStatus is a driver's availability.
type DriverStatus string

const (
	DriverOffline   DriverStatus = "offline"
	DriverAvailable DriverStatus = "available"
	DriverOnTrip    DriverStatus = "on_trip"
	DriverSuspended DriverStatus = "suspended"
)

// Driver is the subset of driver data other teams need (dispatch, payouts, ratings).
type Driver struct {
	ID        int64        `json:"id"`
	Phone     string       `json:"phone"`
	FirstName string       `json:"first_name"`
	LastName  string       `json:"last_name"`
	Status    DriverStatus `json:"status"`
	Rating    float64      `json:"rating"`
	RideTypes []RideType   `json:"ride_types"`
	Vehicle   *Vehicle     `json:"vehicle,omitempty"`
	Location  *geo.Point   `json:"location,omitempty"`
	City      string       `json:"city"`
}

// Vehicle is a driver's registered car or bike.
type Vehicle struct {
	ID    int64  `json:"id"`
	Make  string `json:"make"`
	Model string `json:"model"`
	Color string `json:"color"`
	Plate string `json:"plate"`
	Year  int    `json:"year"`
	Seats int    `json:"seats"`
}

// PaymentMethod is a tokenized card or wallet reference.
type PaymentMethod struct {
	ID         int64  `json:"id"`
	RiderID    int64  `json:"rider_id"`
	Kind       string `json:"kind"` // card | wallet | cash
	Brand      string `json:"brand,omitempty"`
	Last4      string `json:"last4,omitempty"`
	GatewayRef string `json:"-"`
	IsDefault  bool   `json:"is_default"`
}
