package models

import (
	"errors"
	"fmt"
	"time"

	"example.com/shop/internal/platform/money"
)

// ShipmentStatus is the state of a shipment.
type ShipmentStatus string

// The shipment states.
const (
	ShipmentPending   ShipmentStatus = "pending"
	ShipmentLabelled  ShipmentStatus = "labelled"
	ShipmentInTransit ShipmentStatus = "in_transit"
	ShipmentDelivered ShipmentStatus = "delivered"
	ShipmentFailed    ShipmentStatus = "failed"
)

// volumetricDivisor converts cm³ to grams of volumetric weight (5000 cm³/kg).
const volumetricDivisor = 5

// ErrInvalidParcel is returned by Parcel.Validate.
var ErrInvalidParcel = errors.New("models: invalid parcel")

// Shipment is the delivery of (part of) an order.
type Shipment struct {
	ID             string
	OrderID        string
	Carrier        string
	Service        string
	TrackingNumber string
	Status         ShipmentStatus
	Destination    Address
	Parcels        []Parcel
	Cost           money.Money
	CreatedAt      time.Time
	ShippedAt      *time.Time
	DeliveredAt    *time.Time
}

// AddParcel attaches p to the shipment.
func (s *Shipment) AddParcel(p Parcel) {
	p.ShipmentID = s.ID
	s.Parcels = append(s.Parcels, p)
}

// TotalWeight is the chargeable weight of all parcels, in grams.
func (s Shipment) TotalWeight() int {
	total := 0
	for _, p := range s.Parcels {
		total += p.ChargeableWeight()
	}
	return total
}

// MarkLabelled records the carrier booking.
func (s *Shipment) MarkLabelled(tracking string) error {
	if s.Status != ShipmentPending {
		return fmt.Errorf("models: shipment %s is %s, not pending", s.ID, s.Status)
	}
	s.TrackingNumber, s.Status = tracking, ShipmentLabelled
	return nil
}

// MarkInTransit records the carrier pick-up.
func (s *Shipment) MarkInTransit(at time.Time) error {
	if s.Status != ShipmentLabelled && s.Status != ShipmentInTransit {
		return fmt.Errorf("models: shipment %s is %s, cannot be in transit", s.ID, s.Status)
	}
	s.Status, s.ShippedAt = ShipmentInTransit, &at
	return nil
}

// MarkDelivered records the delivery.
func (s *Shipment) MarkDelivered(at time.Time) error {
	if s.Status == ShipmentDelivered {
		return nil
	}
	if s.Status != ShipmentInTransit && s.Status != ShipmentLabelled {
		return fmt.Errorf("models: shipment %s is %s, cannot be delivered", s.ID, s.Status)
	}
	s.Status, s.DeliveredAt = ShipmentDelivered, &at
	return nil
}

// Parcel is one box of a shipment.
type Parcel struct {
	ID          string
	ShipmentID  string
	WeightGrams int
	LengthCM    int
	WidthCM     int
	HeightCM    int
	Label       []byte
}

// VolumetricWeight is the weight carriers charge for the box size, in grams.
func (p Parcel) VolumetricWeight() int {
	return p.LengthCM * p.WidthCM * p.HeightCM / volumetricDivisor
}

// ChargeableWeight is the larger of the real and volumetric weight.
func (p Parcel) ChargeableWeight() int { return max(p.WeightGrams, p.VolumetricWeight()) }

// Validate checks the parcel's measurements.
func (p Parcel) Validate() error {
	if p.WeightGrams <= 0 {
		return fmt.Errorf("%w: weight %dg", ErrInvalidParcel, p.WeightGrams)
	}
	if p.LengthCM <= 0 || p.WidthCM <= 0 || p.HeightCM <= 0 {
		return fmt.Errorf("%w: dimensions %dx%dx%d", ErrInvalidParcel, p.LengthCM, p.WidthCM, p.HeightCM)
	}
	return nil
}
