// Package model holds the shared data types that started life as "the
// models package" in 2019 and that every context still imports. New code
// should prefer context-local types; see ADR-0007.
package model

import (
	"time"

	"parcelgo.com/platform/shared/money"
)

// Address is a postal address, optionally geocoded.
type Address struct {
	Name       string  `json:"name,omitempty"`
	Line1      string  `json:"line1"`
	Line2      string  `json:"line2,omitempty"`
	City       string  `json:"city"`
	PostalCode string  `json:"postal_code"`
	Country    string  `json:"country"`
	Lat        float64 `json:"lat,omitempty"`
	Lng        float64 `json:"lng,omitempty"`
	Validated  bool    `json:"validated,omitempty"`
}

// Dimensions of a parcel.
type Dimensions struct {
	LengthCM    int `json:"length_cm"`
	WidthCM     int `json:"width_cm"`
	HeightCM    int `json:"height_cm"`
	WeightGrams int `json:"weight_grams"`
}

// VolumetricGrams uses the industry divisor of 5000 cm3/kg.
func (d Dimensions) VolumetricGrams() int {
	return d.LengthCM * d.WidthCM * d.HeightCM * 1000 / 5000
}

// ChargeableGrams is the greater of actual and volumetric weight.
func (d Dimensions) ChargeableGrams() int {
	if v := d.VolumetricGrams(); v > d.WeightGrams {
		return v
	}
	return d.WeightGrams
}

// ServiceLevel is what the merchant bought.
type ServiceLevel string

const (
	ServiceStandard ServiceLevel = "standard"
	ServiceNextDay  ServiceLevel = "next_day"
	ServiceSameDay  ServiceLevel = "same_day"
)

func (s ServiceLevel) Valid() bool {
	return s == ServiceStandard || s == ServiceNextDay || s == ServiceSameDay
}

// ShipmentStatus is the lifecycle status stored on shipments.status.
type ShipmentStatus string

const (
	StatusBooked          ShipmentStatus = "booked"
	StatusLabelPrinted    ShipmentStatus = "label_printed"
	StatusPickedUp        ShipmentStatus = "picked_up"
	StatusInDepot         ShipmentStatus = "in_depot"
	StatusOutForDelivery  ShipmentStatus = "out_for_delivery"
	StatusDelivered       ShipmentStatus = "delivered"
	StatusFailedAttempt   ShipmentStatus = "failed_attempt"
	StatusReturnRequested ShipmentStatus = "return_requested"
	StatusReturned        ShipmentStatus = "returned_to_sender"
	StatusCancelled       ShipmentStatus = "cancelled"
	StatusLost            ShipmentStatus = "lost"
)

// MerchantRef is what other contexts need to know about a merchant.
type MerchantRef struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	BillingEmail string `json:"billing_email"`
	Active       bool   `json:"active"`
}

// StopView is the driver-app and ops projection of a route stop.
type StopView struct {
	StopID         string    `json:"stop_id"`
	ShipmentID     string    `json:"shipment_id"`
	TrackingNumber string    `json:"tracking_number"`
	Sequence       int       `json:"sequence"`
	Address        Address   `json:"address"`
	RecipientName  string    `json:"recipient_name"`
	RecipientPhone string    `json:"recipient_phone"`
	Status         string    `json:"status"`
	ETA            time.Time `json:"eta"`
	RequiresPIN    bool      `json:"requires_pin"`
}

// InvoiceLine is stored on invoices and shown in the merchant portal.
type InvoiceLine struct {
	Description    string      `json:"description"`
	ShipmentID     string      `json:"shipment_id,omitempty"`
	TrackingNumber string      `json:"tracking_number,omitempty"`
	Quantity       int         `json:"quantity"`
	Amount         money.Money `json:"amount"`
}

// TrackingEventDTO is the public tracking API shape.
type TrackingEventDTO struct {
	Code        string    `json:"code"`
	Description string    `json:"description"`
	Location    string    `json:"location,omitempty"`
	OccurredAt  time.Time `json:"occurred_at"`
}

// Page is offset pagination.
type Page struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Normalize clamps the page to sane limits.
func (p Page) Normalize() Page {
	if p.Limit <= 0 || p.Limit > 200 {
		p.Limit = 50
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}
