// Package shipment is the booking application service.
package shipment

import (
	"context"
	"log/slog"
	"strings"
	"time"

	appbilling "parcelgo.com/platform/application/billing"
	appmerchant "parcelgo.com/platform/application/merchant"
	"parcelgo.com/platform/domain/addressing"
	"parcelgo.com/platform/domain/model"
	"parcelgo.com/platform/domain/pricing"
	ds "parcelgo.com/platform/domain/shipment"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/infrastructure/labels"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
	"parcelgo.com/platform/shared/money"
)

// TrackingRecorder is implemented by the tracking application service.
type TrackingRecorder interface {
	RecordScan(ctx context.Context, shipmentID, trackingNumber, code, location string, at time.Time) error
}

type Deps struct {
	Repo      ds.Repository
	Merchants *appmerchant.Service
	Addresses *addressing.Service
	Billing   *appbilling.Service
	Labels    *labels.Renderer
	Tracking  TrackingRecorder
	Bus       events.Publisher
	Log       *slog.Logger
	Cutoff    int
	Currency  string
}

// Service is the shipment application service.
type Service struct {
	Deps
	now func() time.Time
}

func NewService(d Deps) *Service { return &Service{Deps: d, now: time.Now} }

type BookCommand struct {
	MerchantID         string             `json:"-"`
	MerchantReference  string             `json:"merchant_reference"`
	ServiceLevel       model.ServiceLevel `json:"service_level"`
	Sender             *model.Address     `json:"sender"`
	Recipient          model.Address      `json:"recipient"`
	RecipientName      string             `json:"recipient_name"`
	RecipientPhone     string             `json:"recipient_phone"`
	RecipientEmail     string             `json:"recipient_email"`
	Parcels            []ds.Parcel        `json:"parcels"`
	CODAmount          int64              `json:"cod_amount"`
	DeclaredValue      int64              `json:"declared_value"`
	IsReturn           bool               `json:"-"`
	OriginalShipmentID string             `json:"-"`
}

// Book validates the recipient address, prices and stores a shipment.
func (s *Service) Book(ctx context.Context, cmd BookCommand) (*ds.Shipment, error) {
	if cmd.ServiceLevel == "" {
		cmd.ServiceLevel = model.ServiceStandard
	}
	if !cmd.IsReturn {
		if err := s.Merchants.CanBook(ctx, cmd.MerchantID, cmd.ServiceLevel); err != nil {
			return nil, err
		}
	}
	sender := cmd.Sender
	if sender == nil {
		m, err := s.Merchants.Get(ctx, cmd.MerchantID)
		if err != nil {
			return nil, err
		}
		sender = &m.PickupAddress
	}
	res, err := s.Addresses.Validate(ctx, cmd.Recipient)
	if err != nil {
		return nil, err
	}
	if !res.Deliverable {
		return nil, errs.Invalid("recipient address not deliverable: %s", strings.Join(res.Issues, "; "))
	}
	now := s.now()
	sh := &ds.Shipment{
		ID: ids.New("shp"), TrackingNumber: ids.TrackingNumber(), MerchantID: cmd.MerchantID,
		MerchantReference: cmd.MerchantReference, ServiceLevel: cmd.ServiceLevel, Status: model.StatusBooked,
		Sender: *sender, Recipient: res.Address, RecipientName: cmd.RecipientName, RecipientPhone: cmd.RecipientPhone,
		RecipientEmail: cmd.RecipientEmail, Parcels: cmd.Parcels, ZoneCode: res.ZoneCode, DepotID: res.DepotID,
		CODAmount: money.New(cmd.CODAmount, s.Currency), DeclaredValue: money.New(cmd.DeclaredValue, s.Currency),
		IsReturn: cmd.IsReturn, OriginalShipmentID: cmd.OriginalShipmentID,
		PromisedBy: ds.PromisedDate(cmd.ServiceLevel, now, s.Cutoff), CreatedAt: now, UpdatedAt: now,
	}
	if err := sh.Validate(); err != nil {
		return nil, err
	}
	if sh.NeedsPIN() {
		sh.DeliveryPIN = ds.NewPIN()
	}
	q, err := s.Billing.Quote(ctx, cmd.MerchantID, pricing.QuoteRequest{
		ServiceLevel: sh.ServiceLevel, ZoneCode: sh.ZoneCode, ChargeableGrams: sh.ChargeableGrams(),
		Parcels: len(sh.Parcels), CODAmount: cmd.CODAmount, IsReturn: cmd.IsReturn,
	})
	if err != nil {
		return nil, err
	}
	sh.Price = q.Total
	if err := s.Repo.Create(ctx, sh); err != nil {
		return nil, err
	}
	if err := s.Bus.Publish(ctx, events.ShipmentBooked, sh.ID, events.ShipmentBookedPayload{
		ShipmentID: sh.ID, TrackingNumber: sh.TrackingNumber, MerchantID: sh.MerchantID,
		RecipientEmail: sh.RecipientEmail, RecipientPhone: sh.RecipientPhone, PromisedBy: sh.PromisedBy,
	}); err != nil {
		s.Log.Error("publish shipment.booked", "shipment", sh.ID, "err", err)
	}
	return sh, nil
}

// Get returns a shipment owned by merchantID ("" for internal callers).
func (s *Service) Get(ctx context.Context, merchantID, id string) (*ds.Shipment, error) {
	sh, err := s.Repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if merchantID != "" && sh.MerchantID != merchantID {
		return nil, errs.NotFound("shipment not found")
	}
	return sh, nil
}

// Cancel is allowed until the parcel is picked up.
func (s *Service) Cancel(ctx context.Context, merchantID, id string) error {
	sh, err := s.Get(ctx, merchantID, id)
	if err != nil {
		return err
	}
	from := sh.Status
	if err := sh.TransitionTo(model.StatusCancelled, s.now()); err != nil {
		return err
	}
	if err := s.Repo.UpdateStatus(ctx, sh.ID, from, sh.Status, sh.UpdatedAt); err != nil {
		return err
	}
	return s.Bus.Publish(ctx, events.ShipmentCancelled, sh.ID, map[string]string{"merchant_id": sh.MerchantID})
}

// Label renders the label and marks the shipment as label-printed.
func (s *Service) Label(ctx context.Context, merchantID, id, format string) ([]byte, string, error) {
	sh, err := s.Get(ctx, merchantID, id)
	if err != nil {
		return nil, "", err
	}
	if sh.Status == model.StatusCancelled {
		return nil, "", errs.Conflict("shipment is cancelled")
	}
	body, ct, err := s.Labels.Render(sh, format)
	if err != nil {
		return nil, "", err
	}
	if sh.Status == model.StatusBooked {
		if err := s.Repo.UpdateStatus(ctx, sh.ID, model.StatusBooked, model.StatusLabelPrinted, s.now()); err != nil {
			s.Log.Warn("label status", "shipment", sh.ID, "err", err)
		}
	}
	return body, ct, nil
}

// InboundScan registers a parcel arriving at a depot sorting belt.
func (s *Service) InboundScan(ctx context.Context, trackingNumber, depotID string) (*ds.Shipment, error) {
	sh, err := s.Repo.GetByTracking(ctx, trackingNumber)
	if err != nil {
		return nil, err
	}
	from := sh.Status
	if from == model.StatusBooked || from == model.StatusLabelPrinted {
		if err := sh.TransitionTo(model.StatusPickedUp, s.now()); err != nil {
			return nil, err
		}
	}
	if err := sh.TransitionTo(model.StatusInDepot, s.now()); err != nil {
		return nil, err
	}
	if sh.DepotID != depotID {
		s.Log.Warn("missort: parcel scanned at wrong depot", "tracking", trackingNumber, "expected", sh.DepotID, "got", depotID)
	}
	if err := s.Repo.UpdateStatus(ctx, sh.ID, from, sh.Status, sh.UpdatedAt); err != nil {
		return nil, err
	}
	if err := s.Tracking.RecordScan(ctx, sh.ID, sh.TrackingNumber, "arrived_depot", depotID, sh.UpdatedAt); err != nil {
		return nil, err
	}
	return sh, nil
}
