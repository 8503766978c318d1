// Package returns models return requests (RMAs) raised by recipients.
package returns

import (
	"context"
	"slices"
	"time"

	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/shared/errs"
)

type Reason string

const (
	ReasonDamaged   Reason = "damaged"
	ReasonWrongItem Reason = "wrong_item"
	ReasonNotWanted Reason = "not_wanted"
	ReasonDefective Reason = "defective"
	ReasonOther     Reason = "other"
)

type Status string

const (
	StatusRequested   Status = "requested"
	StatusApproved    Status = "approved"
	StatusRejected    Status = "rejected"
	StatusLabelIssued Status = "label_issued"
	StatusReceived    Status = "received"
)

type Request struct {
	ID                 string     `json:"id"`
	RMA                string     `json:"rma"`
	OriginalShipmentID string     `json:"original_shipment_id"`
	MerchantID         string     `json:"merchant_id"`
	Reason             Reason     `json:"reason"`
	Comment            string     `json:"comment"`
	PhotoRefs          []string   `json:"photo_refs"`
	Status             Status     `json:"status"`
	ReturnShipmentID   string     `json:"return_shipment_id,omitempty"`
	RejectionReason    string     `json:"rejection_reason,omitempty"`
	CreatedAt          time.Time  `json:"created_at"`
	DecidedAt          *time.Time `json:"decided_at,omitempty"`
	ReceivedAt         *time.Time `json:"received_at,omitempty"`
}

func (r *Request) Approve(at time.Time) error {
	if r.Status != StatusRequested {
		return errs.Conflict("return %s is %s", r.RMA, r.Status)
	}
	r.Status, r.DecidedAt = StatusApproved, &at
	return nil
}

func (r *Request) AttachLabel(shipmentID string) error {
	if r.Status != StatusApproved {
		return errs.Conflict("return %s is not approved", r.RMA)
	}
	r.Status, r.ReturnShipmentID = StatusLabelIssued, shipmentID
	return nil
}

func (r *Request) MarkReceived(at time.Time) error {
	if r.Status != StatusLabelIssued {
		return errs.Conflict("return %s has no label", r.RMA)
	}
	r.Status, r.ReceivedAt = StatusReceived, &at
	return nil
}

// Policy is configured per merchant; merchants without one get Default.
type Policy struct {
	MerchantID      string
	WindowDays      int
	AutoApprove     bool
	RequirePhotoFor []Reason
	Destination     *model.Address // nil = merchant pickup address
}

var Default = Policy{WindowDays: 14, RequirePhotoFor: []Reason{ReasonDamaged, ReasonDefective}}

// Original is the delivered shipment being returned.
type Original struct {
	ShipmentID     string
	TrackingNumber string
	MerchantID     string
	Status         model.ShipmentStatus
	DeliveredAt    *time.Time
	Sender         model.Address
	Recipient      model.Address
	RecipientName  string
	RecipientPhone string
	RecipientEmail string
	WeightGrams    int
}

// CheckEligible applies the policy to a new request.
func (p Policy) CheckEligible(o Original, reason Reason, photos []string, now time.Time) error {
	if o.Status != model.StatusDelivered || o.DeliveredAt == nil {
		return errs.Conflict("only delivered shipments can be returned")
	}
	window := p.WindowDays
	if reason == ReasonDamaged || reason == ReasonWrongItem {
		window += 14 // statutory minimum for non-conforming goods
	}
	if now.Sub(*o.DeliveredAt) > time.Duration(window)*24*time.Hour {
		return errs.Conflict("return window of %d days has passed", window)
	}
	if slices.Contains(p.RequirePhotoFor, reason) && len(photos) == 0 {
		return errs.Invalid("a photo is required for %s returns", reason)
	}
	return nil
}

type Repository interface {
	Create(ctx context.Context, r *Request) error
	Get(ctx context.Context, id string) (*Request, error)
	ByReturnShipment(ctx context.Context, shipmentID string) (*Request, error)
	Update(ctx context.Context, r *Request) error
	Policy(ctx context.Context, merchantID string) (Policy, error)
	OpenForShipment(ctx context.Context, shipmentID string) (bool, error)
	Original(ctx context.Context, trackingNumber string) (Original, error)
	FlagOriginal(ctx context.Context, shipmentID string) error
}
