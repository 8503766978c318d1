// Package claims handles merchant claims for lost and damaged parcels.
// There is no application layer: handlers orchestrate domain and store.
package claims

import (
	"context"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/geo"
	"parcelgo.com/platform/shared/money"
)

type Type string

const (
	TypeLost            Type = "lost"
	TypeDamaged         Type = "damaged"
	TypeMissingContents Type = "missing_contents"
)

type Status string

const (
	StatusOpen          Status = "open"
	StatusInvestigating Status = "investigating"
	StatusApproved      Status = "approved"
	StatusRejected      Status = "rejected"
	StatusPaid          Status = "paid"
)

type Claim struct {
	ID             string      `json:"id"`
	ShipmentID     string      `json:"shipment_id"`
	TrackingNumber string      `json:"tracking_number"`
	MerchantID     string      `json:"merchant_id"`
	Type           Type        `json:"type"`
	DeclaredValue  money.Money `json:"declared_value"`
	Description    string      `json:"description"`
	Evidence       []string    `json:"evidence"`
	Status         Status      `json:"status"`
	Decision       string      `json:"decision,omitempty"`
	Payout         money.Money `json:"payout"`
	DriverID       string      `json:"driver_id,omitempty"`
	DriverAtFault  bool        `json:"driver_at_fault"`
	CreatedAt      time.Time   `json:"created_at"`
	DecidedAt      *time.Time  `json:"decided_at,omitempty"`
}

// Facts gathered about the shipment from across the platform.
type Facts struct {
	ShipmentStatus model.ShipmentStatus
	ServiceLevel   model.ServiceLevel
	Price          money.Money
	BookedAt       time.Time
	DeliveredAt    *time.Time
	LastScanAt     time.Time
	PODKind        string
	PODLocation    geo.Point
	StopLocation   geo.Point
	DriverID       string
}

// LiabilityCap per service level in minor units.
var LiabilityCap = map[model.ServiceLevel]int64{
	model.ServiceStandard: 10000,
	model.ServiceNextDay:  25000,
	model.ServiceSameDay:  50000,
}

const (
	LostAfter          = 5 * 24 * time.Hour
	LostFilingWindow   = 30 * 24 * time.Hour
	DamageFilingWindow = 7 * 24 * time.Hour
	PODToleranceM      = 100
)

// Validate checks a new claim against filing rules.
func (c Claim) Validate(f Facts, now time.Time) error {
	switch c.Type {
	case TypeLost:
		if now.Sub(f.BookedAt) > LostFilingWindow+LostAfter {
			return errs.Conflict("lost-parcel claims must be filed within 35 days of booking")
		}
	case TypeDamaged, TypeMissingContents:
		if f.DeliveredAt == nil {
			return errs.Conflict("damage claims require a delivered shipment")
		}
		if now.Sub(*f.DeliveredAt) > DamageFilingWindow {
			return errs.Conflict("damage claims must be filed within 7 days of delivery")
		}
		if len(c.Evidence) == 0 {
			return errs.Invalid("damage claims need at least one photo")
		}
	default:
		return errs.Invalid("unknown claim type %q", c.Type)
	}
	if c.DeclaredValue.Amount <= 0 {
		return errs.Invalid("declared value must be positive")
	}
	return nil
}

type Outcome string

const (
	Approve     Outcome = "approve"
	Reject      Outcome = "reject"
	Investigate Outcome = "investigate"
)

type Decision struct {
	Outcome       Outcome
	Amount        money.Money
	Reason        string
	DriverAtFault bool
}

// Assess applies the automatic rules; anything ambiguous goes to a human.
func Assess(c Claim, f Facts, now time.Time) Decision {
	capped := money.Min(c.DeclaredValue, money.New(LiabilityCap[f.ServiceLevel], c.DeclaredValue.Currency))
	switch c.Type {
	case TypeLost:
		if f.DeliveredAt != nil {
			strongPOD := f.PODKind == "signature" || f.PODKind == "pin"
			atDoor := f.PODLocation.Valid() && f.StopLocation.Valid() &&
				geo.WithinMeters(f.StopLocation, f.PODLocation, PODToleranceM)
			if strongPOD && atDoor {
				return Decision{Outcome: Reject, Reason: "delivered with " + f.PODKind + " at the address"}
			}
			if !atDoor {
				return Decision{Outcome: Approve, Amount: capped.Add(f.Price), DriverAtFault: true,
					Reason: "proof of delivery captured away from the address"}
			}
			return Decision{Outcome: Investigate, Reason: "delivered to " + f.PODKind + "; needs review"}
		}
		if f.ShipmentStatus == model.StatusLost || now.Sub(f.LastScanAt) > LostAfter {
			return Decision{Outcome: Approve, Amount: capped.Add(f.Price), Reason: "no scan for 5 days"}
		}
		return Decision{Outcome: Reject, Reason: "shipment is still moving in the network"}
	case TypeDamaged:
		if len(c.Evidence) >= 2 {
			return Decision{Outcome: Approve, Amount: capped, Reason: "damage documented"}
		}
		return Decision{Outcome: Investigate, Reason: "insufficient photos"}
	}
	return Decision{Outcome: Investigate, Reason: "manual review"}
}

// Apply records a decision on the claim.
func (c *Claim) Apply(d Decision, f Facts, at time.Time) error {
	if c.Status != StatusOpen && c.Status != StatusInvestigating {
		return errs.Conflict("claim %s already %s", c.ID, c.Status)
	}
	c.Decision = d.Reason
	switch d.Outcome {
	case Approve:
		c.Status, c.Payout, c.DecidedAt = StatusApproved, d.Amount, &at
		c.DriverAtFault, c.DriverID = d.DriverAtFault, f.DriverID
	case Reject:
		c.Status, c.DecidedAt = StatusRejected, &at
	default:
		c.Status = StatusInvestigating
	}
	return nil
}

type Repository interface {
	Create(ctx context.Context, c *Claim) error
	Get(ctx context.Context, id string) (*Claim, error)
	Update(ctx context.Context, c *Claim) error
	List(ctx context.Context, merchantID string, status Status, p model.Page) ([]Claim, error)
	ExistsForShipment(ctx context.Context, shipmentID string) (bool, error)
	Facts(ctx context.Context, shipmentID string) (Facts, error)
}
