// Package driver models couriers, their shifts and proof of delivery.
package driver

import (
	"context"
	"crypto/subtle"
	"strings"
	"time"

	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/geo"
	"parcelgo.com/platform/shared/money"
)

type Status string

const (
	StatusActive    Status = "active"
	StatusInactive  Status = "inactive"
	StatusSuspended Status = "suspended"
)

type PayScheme string

const (
	PayPerStop PayScheme = "per_stop"
	PayHourly  PayScheme = "hourly"
)

type Driver struct {
	ID          string
	Name        string
	Phone       string
	Email       string
	DepotID     string
	VehicleType string // bike, cargo_bike, van
	Status      Status
	Scheme      PayScheme
	RatePerStop money.Money
	HourlyRate  money.Money
	IBAN        string
	StartedOn   time.Time
}

type Shift struct {
	ID            string
	DriverID      string
	StartedAt     time.Time
	EndedAt       *time.Time
	StartOdometer int
	EndOdometer   int
}

// End closes the shift.
func (s *Shift) End(at time.Time, odometer int) error {
	if s.EndedAt != nil {
		return errs.Conflict("shift already ended")
	}
	if odometer < s.StartOdometer {
		return errs.Invalid("odometer %d is below start reading %d", odometer, s.StartOdometer)
	}
	s.EndedAt, s.EndOdometer = &at, odometer
	return nil
}

type PODKind string

const (
	PODSignature PODKind = "signature"
	PODPhoto     PODKind = "photo"
	PODSafePlace PODKind = "safe_place"
	PODNeighbour PODKind = "neighbour"
	PODPin       PODKind = "pin"
)

// MaxPODDistanceM is how far from the stop a POD may be captured.
const MaxPODDistanceM = 250

type ProofOfDelivery struct {
	ID            string
	ShipmentID    string
	StopID        string
	DriverID      string
	Kind          PODKind
	RecipientName string
	PhotoRef      string
	SignatureSVG  string
	PIN           string
	Location      geo.Point
	Note          string
	CapturedAt    time.Time
}

// Validate applies the POD rules for the stop.
func (p ProofOfDelivery) Validate(stopLoc geo.Point, requiresPIN bool, expectedPIN string) error {
	switch p.Kind {
	case PODSignature:
		if p.SignatureSVG == "" || p.RecipientName == "" {
			return errs.Invalid("signature POD needs signature and recipient name")
		}
	case PODPhoto, PODSafePlace:
		if p.PhotoRef == "" {
			return errs.Invalid("%s POD needs a photo", p.Kind)
		}
	case PODNeighbour:
		if p.RecipientName == "" || !strings.Contains(strings.ToLower(p.Note), "house") {
			return errs.Invalid("neighbour POD needs the neighbour's name and house number in the note")
		}
	case PODPin:
	default:
		return errs.Invalid("unknown POD kind %q", p.Kind)
	}
	if requiresPIN {
		if p.Kind == PODSafePlace || p.Kind == PODNeighbour {
			return errs.Invalid("PIN-protected parcels must be handed to the recipient")
		}
		if subtle.ConstantTimeCompare([]byte(p.PIN), []byte(expectedPIN)) != 1 {
			return errs.Invalid("incorrect delivery PIN")
		}
	}
	if p.Location.Valid() && stopLoc.Valid() && !geo.WithinMeters(stopLoc, p.Location, MaxPODDistanceM) {
		return errs.Invalid("driver is not at the delivery address")
	}
	return nil
}

type FailureReason string

const (
	FailNoAnswer        FailureReason = "no_answer"
	FailAddressNotFound FailureReason = "address_not_found"
	FailRefused         FailureReason = "refused"
	FailNoAccess        FailureReason = "no_access"
	FailDamaged         FailureReason = "damaged"
)

func (r FailureReason) Valid() bool {
	switch r {
	case FailNoAnswer, FailAddressNotFound, FailRefused, FailNoAccess, FailDamaged:
		return true
	}
	return false
}

// Describe is the customer-facing text for a failure reason.
func (r FailureReason) Describe() string {
	switch r {
	case FailNoAnswer:
		return "nobody was home"
	case FailAddressNotFound:
		return "the address could not be found"
	case FailRefused:
		return "the parcel was refused"
	case FailNoAccess:
		return "the building could not be accessed"
	}
	return "the parcel could not be delivered"
}

type Repository interface {
	Get(ctx context.Context, id string) (Driver, error)
	Active(ctx context.Context) ([]Driver, error)
	OpenShift(ctx context.Context, driverID string) (*Shift, error)
	SaveShift(ctx context.Context, s *Shift) error
	SavePOD(ctx context.Context, p ProofOfDelivery) error
	RecordFailure(ctx context.Context, driverID, shipmentID, stopID string, r FailureReason, note string, at time.Time) (int, error)
}
