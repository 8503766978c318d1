package entities

import (
	"time"

	"gitlab.com/roadrunner/fleet/lib/money"
)

// TripStatus mirrors dispatch's trip states for consumers outside dispatch.
type TripStatus string

const (
	TripPlanned   TripStatus = "planned"
	TripEnRoute   TripStatus = "en_route"
	TripCompleted TripStatus = "completed"
	TripCancelled TripStatus = "cancelled"
)

// TripSummary is what billing and the customer portal see of a trip.
type TripSummary struct {
	ID          string       `json:"id"`
	CustomerID  string       `json:"customer_id"`
	Reference   string       `json:"reference"`
	VehicleCls  VehicleClass `json:"vehicle_class,omitempty"`
	Status      TripStatus   `json:"status"`
	Stops       int          `json:"stops"`
	PlannedKm   float64      `json:"planned_km"`
	ActualKm    float64      `json:"actual_km"`
	CompletedAt time.Time    `json:"completed_at,omitzero"`
}

// BillableKm prefers the measured distance, falling back to the plan.
func (t TripSummary) BillableKm() float64 {
	if t.ActualKm > 0 {
		return t.ActualKm
	}
	return t.PlannedKm
}

// CustomerRef is how other modules refer to a customer.
type CustomerRef struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	BillingEmail string `json:"billing_email"`
}

// InvoiceStatus is shared with the portal, which shows it verbatim.
type InvoiceStatus string

const (
	InvoiceDraft  InvoiceStatus = "draft"
	InvoiceIssued InvoiceStatus = "issued"
	InvoicePaid   InvoiceStatus = "paid"
)

// InvoiceHeader is the part of an invoice the portal lists.
type InvoiceHeader struct {
	ID       string        `json:"id"`
	Number   string        `json:"number"`
	Status   InvoiceStatus `json:"status"`
	Total    money.Money   `json:"total"`
	IssuedAt time.Time     `json:"issued_at,omitzero"`
	DueAt    time.Time     `json:"due_at,omitzero"`
}

// FuelPurchase is a normalised fuel card line, as parsed from provider
// statements.
type FuelPurchase struct {
	CardPAN    string      `json:"card_pan"`
	At         time.Time   `json:"at"`
	Litres     float64     `json:"litres"`
	Amount     money.Money `json:"amount"`
	Product    string      `json:"product"`
	Station    string      `json:"station"`
	OdometerKm float64     `json:"odometer_km,omitempty"`
}
