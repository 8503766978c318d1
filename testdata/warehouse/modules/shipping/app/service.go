// Package app implements rate shopping, labelling, manifesting and
// dispatch.
package app

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"shipwell.io/wms/modules/shipping/carriers"
	"shipwell.io/wms/modules/shipping/domain"
	"shipwell.io/wms/modules/shipping/infra"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/models"
	"shipwell.io/wms/pkg/money"
)

type Service struct {
	DB       *sql.DB
	Store    *infra.Store
	Carriers carriers.Registry
	Events   events.Publisher
	Origin   models.Address
	Log      *slog.Logger
}

// Quote rate-shops all carriers (or just the requested one).
func (s *Service) Quote(ctx context.Context, to models.Address, pkgs []models.Package, only string) ([]models.RateQuote, error) {
	req := carriers.RateRequest{From: s.Origin, To: to, Packages: pkgs}
	var all []models.RateQuote
	for code, c := range s.Carriers {
		if only != "" && code != only {
			continue
		}
		if domain.IsLTL(pkgs) != (code == "LTL") {
			continue
		}
		qs, err := c.Rates(ctx, req)
		if err != nil {
			s.Log.Warn("rate request failed", "carrier", code, "err", err)
			continue
		}
		all = append(all, qs...)
	}
	return all, nil
}

// CreateShipment is called by packing once an order's cartons are closed.
// It rate-shops, buys labels and stores a labelled shipment.
func (s *Service) CreateShipment(ctx context.Context, o *models.Order, cartons []models.Carton) (*models.Shipment, error) {
	sh := &models.Shipment{OrderID: o.ID, ClientID: o.ClientID, ShipTo: o.ShipTo, Status: models.ShipmentPending}
	for _, c := range cartons {
		sh.Packages = append(sh.Packages, models.Package{CartonID: c.ID, Dims: c.Dims})
	}
	if err := domain.ReadyForLabel(sh); err != nil {
		return nil, err
	}
	quotes, err := s.Quote(ctx, o.ShipTo, sh.Packages, o.Carrier)
	if err != nil {
		return nil, err
	}
	if o.Service != "" {
		var filtered []models.RateQuote
		for _, q := range quotes {
			if q.Service == o.Service {
				filtered = append(filtered, q)
			}
		}
		quotes = filtered
	}
	q, err := domain.ChooseRate(quotes, o.ShipBy, time.Time{})
	if err != nil {
		return nil, err
	}
	c, err := s.Carriers.Get(q.Carrier)
	if err != nil {
		return nil, err
	}
	acct, err := s.Store.CarrierAccount(ctx, o.ClientID, q.Carrier)
	if err != nil {
		return nil, err
	}
	labels, err := c.Labels(ctx, carriers.RateRequest{From: s.Origin, To: o.ShipTo, Packages: sh.Packages,
		Service: q.Service, Account: acct})
	if err != nil {
		return nil, apperr.Wrap(err, "buy label")
	}
	sh.Carrier, sh.Service, sh.Status = q.Carrier, q.Service, models.ShipmentLabelled
	sh.Cost = money.Zero(q.Cost.Currency)
	for i, l := range labels {
		sh.Packages[i].TrackingNo, sh.Packages[i].LabelURL = l.TrackingNo, l.LabelURL
		if acct == "" { // client's own account: carrier bills them, not us
			sh.Cost = sh.Cost.Add(l.Cost)
		}
	}
	if err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error { return s.Store.Create(ctx, tx, sh) }); err != nil {
		for _, l := range labels {
			_ = c.Void(ctx, l.TrackingNo)
		}
		return nil, err
	}
	return sh, nil
}

// Manifest closes out all labelled shipments of a carrier.
func (s *Service) Manifest(ctx context.Context, carrier string) (string, int, error) {
	ids, err := s.Store.Labelled(ctx, carrier)
	if err != nil {
		return "", 0, err
	}
	if len(ids) == 0 {
		return "", 0, apperr.Conflict("nothing to manifest for %s", carrier)
	}
	var mid string
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		var err error
		mid, err = s.Store.CreateManifest(ctx, tx, carrier, ids)
		return err
	})
	return mid, len(ids), err
}

// Dispatch is scanned at the dock door when the carrier trailer departs.
func (s *Service) Dispatch(ctx context.Context, manifestID string) (int, error) {
	var shipped []string
	err := db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		var err error
		if shipped, err = s.Store.MarkDispatched(ctx, tx, manifestID); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, id := range shipped {
		sh, err := s.Store.Get(ctx, id)
		if err != nil {
			return 0, err
		}
		ev, err := events.New(events.ShipmentDispatched, sh.ID, sh.ClientID, map[string]any{
			"order_id": sh.OrderID, "carrier": sh.Carrier, "packages": len(sh.Packages), "cost_cents": sh.Cost.Cents,
		})
		if err != nil {
			return 0, err
		}
		if err := s.Events.Publish(ctx, s.DB, ev); err != nil {
			return 0, err
		}
	}
	return len(shipped), nil
}

// PollTracking fetches tracking updates for packages in transit.
func (s *Service) PollTracking(ctx context.Context) error {
	byCarrier, err := s.Store.Trackable(ctx, 200)
	if err != nil {
		return err
	}
	for code, tns := range byCarrier {
		c, err := s.Carriers.Get(code)
		if err != nil {
			s.Log.Warn("tracking: unknown carrier", "carrier", code)
			continue
		}
		for _, tn := range tns {
			evs, err := c.Track(ctx, tn)
			if err != nil {
				s.Log.Warn("tracking failed", "carrier", code, "tracking", tn, "err", err)
				continue
			}
			if err := s.Store.RecordTracking(ctx, tn, evs); err != nil {
				return err
			}
		}
	}
	return nil
}
