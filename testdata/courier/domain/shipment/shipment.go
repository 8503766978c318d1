// Package shipment is the booking aggregate: a shipment of one or more
// parcels from a merchant to a recipient.
package shipment

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"slices"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/money"
)

const (
	MaxParcels        = 20
	MaxParcelGrams    = 31500
	MaxSideCM         = 175
	PINThresholdCents = 50000
)

type Parcel struct {
	ID         string           `json:"id"`
	Reference  string           `json:"reference"`
	Dimensions model.Dimensions `json:"dimensions"`
}

type Shipment struct {
	ID                 string               `json:"id"`
	TrackingNumber     string               `json:"tracking_number"`
	MerchantID         string               `json:"merchant_id"`
	MerchantReference  string               `json:"merchant_reference"`
	ServiceLevel       model.ServiceLevel   `json:"service_level"`
	Status             model.ShipmentStatus `json:"status"`
	Sender             model.Address        `json:"sender"`
	Recipient          model.Address        `json:"recipient"`
	RecipientName      string               `json:"recipient_name"`
	RecipientPhone     string               `json:"recipient_phone"`
	RecipientEmail     string               `json:"recipient_email"`
	Parcels            []Parcel             `json:"parcels"`
	ZoneCode           string               `json:"zone_code"`
	DepotID            string               `json:"depot_id"`
	Price              money.Money          `json:"price"`
	CODAmount          money.Money          `json:"cod_amount"`
	DeclaredValue      money.Money          `json:"declared_value"`
	DeliveryPIN        string               `json:"-"`
	IsReturn           bool                 `json:"is_return"`
	OriginalShipmentID string               `json:"original_shipment_id,omitempty"`
	PromisedBy         time.Time            `json:"promised_by"`
	DeliveredAt        *time.Time           `json:"delivered_at,omitempty"`
	CreatedAt          time.Time            `json:"created_at"`
	UpdatedAt          time.Time            `json:"updated_at"`
}

var transitions = map[model.ShipmentStatus][]model.ShipmentStatus{
	model.StatusBooked:          {model.StatusLabelPrinted, model.StatusPickedUp, model.StatusCancelled},
	model.StatusLabelPrinted:    {model.StatusPickedUp, model.StatusCancelled},
	model.StatusPickedUp:        {model.StatusInDepot, model.StatusLost},
	model.StatusInDepot:         {model.StatusOutForDelivery, model.StatusReturned, model.StatusLost},
	model.StatusOutForDelivery:  {model.StatusDelivered, model.StatusFailedAttempt, model.StatusLost},
	model.StatusFailedAttempt:   {model.StatusInDepot, model.StatusOutForDelivery, model.StatusReturned},
	model.StatusDelivered:       {model.StatusReturnRequested},
	model.StatusReturnRequested: {model.StatusReturned},
}

// CanTransition reports whether from -> to is allowed.
func CanTransition(from, to model.ShipmentStatus) bool {
	return slices.Contains(transitions[from], to)
}

// TransitionTo moves the shipment to next, enforcing the state machine.
func (s *Shipment) TransitionTo(next model.ShipmentStatus, at time.Time) error {
	if !CanTransition(s.Status, next) {
		return errs.Conflict("shipment %s cannot go from %s to %s", s.TrackingNumber, s.Status, next)
	}
	s.Status = next
	s.UpdatedAt = at
	if next == model.StatusDelivered {
		s.DeliveredAt = &at
	}
	return nil
}

// ChargeableGrams sums the chargeable weight of all parcels.
func (s Shipment) ChargeableGrams() int {
	total := 0
	for _, p := range s.Parcels {
		total += p.Dimensions.ChargeableGrams()
	}
	return total
}

// Validate checks booking rules.
func (s Shipment) Validate() error {
	if !s.ServiceLevel.Valid() {
		return errs.Invalid("unknown service level %q", s.ServiceLevel)
	}
	if len(s.Parcels) == 0 || len(s.Parcels) > MaxParcels {
		return errs.Invalid("a shipment has 1 to %d parcels", MaxParcels)
	}
	for i, p := range s.Parcels {
		d := p.Dimensions
		if d.WeightGrams <= 0 || d.WeightGrams > MaxParcelGrams {
			return errs.Invalid("parcel %d: weight must be 1..%dg", i+1, MaxParcelGrams)
		}
		if d.LengthCM > MaxSideCM || d.WidthCM > MaxSideCM || d.HeightCM > MaxSideCM {
			return errs.Invalid("parcel %d: no side may exceed %dcm", i+1, MaxSideCM)
		}
	}
	if s.RecipientName == "" {
		return errs.Invalid("recipient name is required")
	}
	if s.RecipientPhone == "" && s.RecipientEmail == "" {
		return errs.Invalid("recipient phone or email is required for notifications")
	}
	if s.ServiceLevel == model.ServiceSameDay && len(s.Parcels) > 3 {
		return errs.Invalid("same-day shipments are limited to 3 parcels")
	}
	return nil
}

// NeedsPIN reports whether delivery requires a one-time PIN.
func (s Shipment) NeedsPIN() bool {
	return s.CODAmount.Amount > 0 || s.DeclaredValue.Amount >= PINThresholdCents
}

// NewPIN generates a 4-digit delivery PIN.
func NewPIN() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(10000))
	return fmt.Sprintf("%04d", n.Int64())
}

// PromisedDate computes the delivery promise from booking time.
// Bookings after the cutoff hour count as next working day.
func PromisedDate(level model.ServiceLevel, booked time.Time, cutoffHour int) time.Time {
	day := time.Date(booked.Year(), booked.Month(), booked.Day(), 0, 0, 0, 0, booked.Location())
	if booked.Hour() >= cutoffHour || level == model.ServiceSameDay && booked.Hour() >= 11 {
		day = nextWorkingDay(day)
	}
	var days int
	switch level {
	case model.ServiceSameDay:
		days = 0
	case model.ServiceNextDay:
		days = 1
	default:
		days = 2
	}
	for i := 0; i < days; i++ {
		day = nextWorkingDay(day)
	}
	if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = nextWorkingDay(day)
	}
	return day.Add(21 * time.Hour)
}

func nextWorkingDay(d time.Time) time.Time {
	d = d.AddDate(0, 0, 1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// Repository persists shipments and parcels.
type Repository interface {
	Create(ctx context.Context, s *Shipment) error
	Get(ctx context.Context, id string) (*Shipment, error)
	GetByTracking(ctx context.Context, trackingNumber string) (*Shipment, error)
	UpdateStatus(ctx context.Context, id string, from, to model.ShipmentStatus, at time.Time) error
	ReadyForRouting(ctx context.Context, depotID string, day time.Time) ([]*Shipment, error)
}
