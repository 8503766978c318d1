// Package returns handles return requests and issues return labels.
package returns

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	appshipment "parcelgo.com/platform/application/shipment"
	apptracking "parcelgo.com/platform/application/tracking"
	"parcelgo.com/platform/domain/model"
	dr "parcelgo.com/platform/domain/returns"
	ds "parcelgo.com/platform/domain/shipment"
	dt "parcelgo.com/platform/domain/tracking"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/infrastructure/notify"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
)

type Service struct {
	repo      dr.Repository
	shipments *appshipment.Service
	tracking  *apptracking.Service
	mailer    notify.Sender
	bus       events.Publisher
	log       *slog.Logger
	portalURL string
	now       func() time.Time
}

func NewService(repo dr.Repository, shipments *appshipment.Service, tracking *apptracking.Service, mailer notify.Sender,
	bus events.Publisher, log *slog.Logger, portalURL string) *Service {
	return &Service{repo: repo, shipments: shipments, tracking: tracking, mailer: mailer, bus: bus, log: log,
		portalURL: portalURL, now: time.Now}
}

type RequestCommand struct {
	TrackingNumber string    `json:"tracking_number"`
	PostalCode     string    `json:"postal_code"`
	Reason         dr.Reason `json:"reason"`
	Comment        string    `json:"comment"`
	PhotoRefs      []string  `json:"photo_refs"`
}

// Request is called from the public returns portal by the recipient.
func (s *Service) Request(ctx context.Context, cmd RequestCommand) (*dr.Request, error) {
	orig, err := s.repo.Original(ctx, cmd.TrackingNumber)
	if err != nil {
		return nil, err
	}
	if orig.Recipient.PostalCode != cmd.PostalCode {
		return nil, errs.NotFound("shipment not found") // don't leak existence
	}
	open, err := s.repo.OpenForShipment(ctx, orig.ShipmentID)
	if err != nil {
		return nil, err
	}
	if open {
		return nil, errs.Conflict("a return already exists for this shipment")
	}
	policy, err := s.repo.Policy(ctx, orig.MerchantID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if err := policy.CheckEligible(orig, cmd.Reason, cmd.PhotoRefs, now); err != nil {
		return nil, err
	}
	r := &dr.Request{ID: ids.New("ret"), RMA: ids.RMA(), OriginalShipmentID: orig.ShipmentID, MerchantID: orig.MerchantID,
		Reason: cmd.Reason, Comment: cmd.Comment, PhotoRefs: cmd.PhotoRefs, Status: dr.StatusRequested, CreatedAt: now}
	if err := s.repo.Create(ctx, r); err != nil {
		return nil, err
	}
	if err := s.repo.FlagOriginal(ctx, orig.ShipmentID); err != nil {
		s.log.Warn("flag original", "shipment", orig.ShipmentID, "err", err)
	}
	_ = s.tracking.Record(ctx, dt.Event{ShipmentID: orig.ShipmentID, TrackingNumber: orig.TrackingNumber,
		Code: dt.CodeReturnCreated, Detail: r.RMA, Source: "system", OccurredAt: now})
	if policy.AutoApprove {
		return r, s.approve(ctx, r, orig)
	}
	return r, nil
}

// Approve is called by the merchant.
func (s *Service) Approve(ctx context.Context, merchantID, id string) (*dr.Request, error) {
	r, err := s.owned(ctx, merchantID, id)
	if err != nil {
		return nil, err
	}
	orig, err := s.shipments.Get(ctx, merchantID, r.OriginalShipmentID)
	if err != nil {
		return nil, err
	}
	o := dr.Original{ShipmentID: orig.ID, TrackingNumber: orig.TrackingNumber, MerchantID: orig.MerchantID,
		Sender: orig.Sender, Recipient: orig.Recipient, RecipientName: orig.RecipientName,
		RecipientPhone: orig.RecipientPhone, RecipientEmail: orig.RecipientEmail, WeightGrams: orig.ChargeableGrams()}
	return r, s.approve(ctx, r, o)
}

func (s *Service) approve(ctx context.Context, r *dr.Request, o dr.Original) error {
	if err := r.Approve(s.now()); err != nil {
		return err
	}
	// The return travels from the recipient back to the merchant.
	ret, err := s.shipments.Book(ctx, appshipment.BookCommand{
		MerchantID: r.MerchantID, MerchantReference: r.RMA, ServiceLevel: model.ServiceStandard,
		Sender: &o.Recipient, Recipient: o.Sender, RecipientName: "Returns dept.",
		RecipientPhone: o.RecipientPhone, RecipientEmail: o.RecipientEmail,
		Parcels:  []ds.Parcel{{Reference: r.RMA, Dimensions: model.Dimensions{WeightGrams: max(o.WeightGrams, 100)}}},
		IsReturn: true, OriginalShipmentID: o.ShipmentID,
	})
	if err != nil {
		return fmt.Errorf("book return shipment: %w", err)
	}
	if err := r.AttachLabel(ret.ID); err != nil {
		return err
	}
	if err := s.repo.Update(ctx, r); err != nil {
		return err
	}
	if o.RecipientEmail != "" {
		body := fmt.Sprintf("Your return %s was approved. Print your label at %s/returns/%s/label and drop the parcel at any ParcelGo point.",
			r.RMA, s.portalURL, r.ID)
		if err := s.mailer.Send(ctx, notify.Message{Channel: "email", To: o.RecipientEmail,
			Subject: "Return " + r.RMA + " approved", Body: body}); err != nil {
			s.log.Warn("return email", "rma", r.RMA, "err", err)
		}
	}
	return s.bus.Publish(ctx, events.ReturnApproved, r.ID, map[string]string{
		"merchant_id": r.MerchantID, "return_shipment_id": ret.ID, "rma": r.RMA})
}

func (s *Service) owned(ctx context.Context, merchantID, id string) (*dr.Request, error) {
	r, err := s.repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.MerchantID != merchantID {
		return nil, errs.NotFound("return request not found")
	}
	return r, nil
}

// OnShipmentDelivered closes the return when the return parcel arrives.
func (s *Service) OnShipmentDelivered(ctx context.Context, e events.Event) error {
	var p events.ShipmentDeliveredPayload
	if err := e.Decode(&p); err != nil {
		return err
	}
	if !p.IsReturn {
		return nil
	}
	r, err := s.repo.ByReturnShipment(ctx, p.ShipmentID)
	if errs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := r.MarkReceived(p.DeliveredAt); err != nil {
		return err
	}
	return s.repo.Update(ctx, r)
}
