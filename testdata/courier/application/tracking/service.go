// Package tracking records shipment events and notifies recipients.
package tracking

import (
	"context"
	"log/slog"
	"time"

	"parcelgo.com/platform/domain/model"
	dt "parcelgo.com/platform/domain/tracking"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/infrastructure/notify"
	"parcelgo.com/platform/shared/errs"
	"parcelgo.com/platform/shared/ids"
)

type Service struct {
	repo    dt.Repository
	sender  notify.Sender
	log     *slog.Logger
	baseURL string
	now     func() time.Time
}

func NewService(repo dt.Repository, sender notify.Sender, log *slog.Logger, baseURL string) *Service {
	return &Service{repo: repo, sender: sender, log: log, baseURL: baseURL, now: time.Now}
}

// RecordScan satisfies application/shipment.TrackingRecorder.
func (s *Service) RecordScan(ctx context.Context, shipmentID, tn, code, location string, at time.Time) error {
	return s.Record(ctx, dt.Event{ShipmentID: shipmentID, TrackingNumber: tn, Code: dt.Code(code),
		Location: location, Source: "depot", OccurredAt: at})
}

// Record appends an event and fans out notifications. Notification failures
// are logged, never returned: the scan itself must not fail.
func (s *Service) Record(ctx context.Context, e dt.Event) error {
	if e.ShipmentID == "" || e.TrackingNumber == "" {
		return errs.Invalid("event needs shipment id and tracking number")
	}
	if e.OccurredAt.IsZero() {
		e.OccurredAt = s.now()
	}
	e.ID = ids.New("tev")
	if err := s.repo.Append(ctx, e); err != nil {
		return err
	}
	if err := s.repo.SyncShipment(ctx, e.ShipmentID, e.Code, e.OccurredAt); err != nil {
		s.log.Warn("sync shipment", "shipment", e.ShipmentID, "err", err)
	}
	s.notify(ctx, e, "")
	return nil
}

// RecordWithETA is used when a route is dispatched and stop ETAs are known.
func (s *Service) RecordWithETA(ctx context.Context, e dt.Event, eta string) error {
	e.ID = ids.New("tev")
	if e.OccurredAt.IsZero() {
		e.OccurredAt = s.now()
	}
	if err := s.repo.Append(ctx, e); err != nil {
		return err
	}
	s.notify(ctx, e, eta)
	return nil
}

func (s *Service) notify(ctx context.Context, e dt.Event, eta string) {
	subs, err := s.repo.Subscriptions(ctx, e.ShipmentID)
	if err != nil {
		s.log.Warn("load subscriptions", "err", err)
		return
	}
	for _, sub := range subs {
		if !sub.Wants(e.Code) {
			continue
		}
		body, err := dt.Render(e, eta, s.baseURL)
		if err != nil {
			s.log.Error("render notification", "code", e.Code, "err", err)
			continue
		}
		sendErr := s.sender.Send(ctx, notify.Message{Channel: string(sub.Channel), To: sub.Target,
			Subject: "Parcel " + e.TrackingNumber + ": " + dt.Describe(e.Code), Body: body})
		if err := s.repo.LogNotification(ctx, sub.ID, e, body, sendErr); err != nil {
			s.log.Warn("log notification", "err", err)
		}
	}
}

// View is the public tracking response.
type View struct {
	TrackingNumber string                   `json:"tracking_number"`
	Status         model.ShipmentStatus     `json:"status"`
	PromisedBy     time.Time                `json:"promised_by"`
	City           string                   `json:"city"`
	Events         []model.TrackingEventDTO `json:"events"`
}

func (s *Service) Track(ctx context.Context, tn string) (View, error) {
	h, err := s.repo.Header(ctx, tn)
	if err != nil {
		return View{}, err
	}
	evs, err := s.repo.History(ctx, tn)
	if err != nil {
		return View{}, err
	}
	v := View{TrackingNumber: h.TrackingNumber, Status: h.Status, PromisedBy: h.PromisedBy, City: h.City}
	for _, e := range evs {
		v.Events = append(v.Events, e.DTO())
	}
	return v, nil
}

// OnShipmentBooked creates the first event and default subscriptions.
func (s *Service) OnShipmentBooked(ctx context.Context, ev events.Event) error {
	var p events.ShipmentBookedPayload
	if err := ev.Decode(&p); err != nil {
		return err
	}
	if p.RecipientEmail != "" {
		if err := s.repo.Subscribe(ctx, dt.Subscription{ID: ids.New("sub"), ShipmentID: p.ShipmentID,
			Channel: dt.ChannelEmail, Target: p.RecipientEmail}); err != nil {
			return err
		}
	}
	if p.RecipientPhone != "" {
		if err := s.repo.Subscribe(ctx, dt.Subscription{ID: ids.New("sub"), ShipmentID: p.ShipmentID,
			Channel: dt.ChannelSMS, Target: p.RecipientPhone}); err != nil {
			return err
		}
	}
	return s.Record(ctx, dt.Event{ShipmentID: p.ShipmentID, TrackingNumber: p.TrackingNumber, Code: dt.CodeBooked,
		Source: "system", OccurredAt: ev.OccurredAt})
}
