// Package models holds the DTOs shared between the API, the worker and most
// services. It started as the single "types" file of the first monolith and
// everything that needed to cross a package boundary was added here.
package models

import (
	"time"

	"skyhop.aero/backend/pkg/platform/money"
)

// ---- schedule ----

// FlightStatus is the operational status of a dated flight.
type FlightStatus string

const (
	FlightScheduled FlightStatus = "SCHEDULED"
	FlightBoarding  FlightStatus = "BOARDING"
	FlightDeparted  FlightStatus = "DEPARTED"
	FlightArrived   FlightStatus = "ARRIVED"
	FlightDelayed   FlightStatus = "DELAYED"
	FlightCancelled FlightStatus = "CANCELLED"
)

// FlightSummary is a dated flight as shown to customers and agents.
type FlightSummary struct {
	FlightID     int64        `json:"flight_id"`
	Carrier      string       `json:"carrier"`
	Number       int          `json:"number"`
	Origin       string       `json:"origin"`
	Destination  string       `json:"destination"`
	DepartureUTC time.Time    `json:"departure_utc"`
	ArrivalUTC   time.Time    `json:"arrival_utc"`
	AircraftType string       `json:"aircraft_type"`
	Status       FlightStatus `json:"status"`
	Gate         string       `json:"gate,omitempty"`
}

// Availability is the seats left per booking class on a flight.
type Availability struct {
	FlightID int64          `json:"flight_id"`
	Classes  map[string]int `json:"classes"`
}

// ---- pricing ----

// FareQuote is the priced offer for one journey and passenger mix.
type FareQuote struct {
	QuoteID      string       `json:"quote_id"`
	FareBasis    string       `json:"fare_basis"`
	BookingClass string       `json:"booking_class"`
	Base         money.Amount `json:"base"`
	Taxes        money.Amount `json:"taxes"`
	Total        money.Amount `json:"total"`
	Refundable   bool         `json:"refundable"`
	ChangeFee    money.Amount `json:"change_fee"`
	BagsIncluded int          `json:"bags_included"`
	ExpiresAt    time.Time    `json:"expires_at"`
}

// ---- booking ----

type PassengerType string

const (
	Adult  PassengerType = "ADT"
	Child  PassengerType = "CHD"
	Infant PassengerType = "INF"
)

type Passenger struct {
	ID          int64         `json:"id"`
	Type        PassengerType `json:"type"`
	FirstName   string        `json:"first_name"`
	LastName    string        `json:"last_name"`
	DateOfBirth time.Time     `json:"date_of_birth"`
	FFNumber    string        `json:"ff_number,omitempty"`
}

type SegmentStatus string

const (
	SegHeld      SegmentStatus = "HK"
	SegConfirmed SegmentStatus = "HK-T" // ticketed
	SegCancelled SegmentStatus = "XX"
	SegWaitlist  SegmentStatus = "HL"
	SegReaccom   SegmentStatus = "TK" // schedule change, re-accommodated
)

type Segment struct {
	ID           int64          `json:"id"`
	FlightID     int64          `json:"flight_id"`
	BookingClass string         `json:"booking_class"`
	Status       SegmentStatus  `json:"status"`
	Flight       *FlightSummary `json:"flight,omitempty"`
}

type PNRStatus string

const (
	PNRHeld      PNRStatus = "HELD"
	PNRConfirmed PNRStatus = "CONFIRMED"
	PNRTicketed  PNRStatus = "TICKETED"
	PNRCancelled PNRStatus = "CANCELLED"
)

// PNR is the passenger name record as exposed by the API.
type PNR struct {
	Locator      string       `json:"locator"`
	Status       PNRStatus    `json:"status"`
	ContactEmail string       `json:"contact_email"`
	ContactPhone string       `json:"contact_phone"`
	Passengers   []Passenger  `json:"passengers"`
	Segments     []Segment    `json:"segments"`
	Total        money.Amount `json:"total"`
	HoldExpires  time.Time    `json:"hold_expires"`
	CreatedAt    time.Time    `json:"created_at"`
}

// ---- ticketing ----

type CouponStatus string

const (
	CouponOpen      CouponStatus = "O"
	CouponCheckedIn CouponStatus = "C"
	CouponBoarded   CouponStatus = "B"
	CouponFlown     CouponStatus = "F"
	CouponRefunded  CouponStatus = "R"
	CouponExchanged CouponStatus = "E"
)

type Coupon struct {
	Number    int          `json:"number"`
	SegmentID int64        `json:"segment_id"`
	FlightID  int64        `json:"flight_id"`
	Status    CouponStatus `json:"status"`
}

type Ticket struct {
	Number      string       `json:"number"`
	Locator     string       `json:"locator"`
	PassengerID int64        `json:"passenger_id"`
	FareBasis   string       `json:"fare_basis"`
	Total       money.Amount `json:"total"`
	Coupons     []Coupon     `json:"coupons"`
	IssuedAt    time.Time    `json:"issued_at"`
}

// ---- check-in ----

type BoardingPass struct {
	Locator     string    `json:"locator"`
	PassengerID int64     `json:"passenger_id"`
	FlightID    int64     `json:"flight_id"`
	Seat        string    `json:"seat"`
	Sequence    int       `json:"sequence"`
	Zone        int       `json:"zone"`
	BoardingAt  time.Time `json:"boarding_at"`
	Barcode     string    `json:"barcode"`
}

// ---- baggage ----

type Bag struct {
	TagNumber   string `json:"tag_number"`
	Locator     string `json:"locator"`
	PassengerID int64  `json:"passenger_id"`
	FlightID    int64  `json:"flight_id"`
	WeightKg    int    `json:"weight_kg"`
	Status      string `json:"status"`
}

// ---- loyalty ----

type MemberSummary struct {
	Number    string `json:"number"`
	Name      string `json:"name"`
	Tier      string `json:"tier"`
	Miles     int64  `json:"miles"`
	TierMiles int64  `json:"tier_miles"`
}

// ---- crew ----

type CrewOnFlight struct {
	EmployeeID string `json:"employee_id"`
	Name       string `json:"name"`
	Rank       string `json:"rank"`
}

// ---- notifications ----

// Message is a customer notification queued for delivery.
type Message struct {
	Channel  string            `json:"channel"` // email | sms
	To       string            `json:"to"`
	Template string            `json:"template"`
	Data     map[string]string `json:"data"`
}
