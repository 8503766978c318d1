// Package fulfilment ships paid orders: it packs them into parcels, picks
// the cheapest carrier, books it and prints the labels. It is the service
// of the shipping context.
package fulfilment

import (
	"context"
	"errors"
	"fmt"

	catalog "example.com/shop/internal/catalog/service"
	inventory "example.com/shop/internal/inventory/service"
	"example.com/shop/internal/models"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/shipping/carriers"
	"example.com/shop/internal/shipping/labels"
	"example.com/shop/internal/shipping/rates"
	"example.com/shop/internal/shipping/store"
)

const (
	shipmentIDPrefix = "shp"
	parcelIDPrefix   = "pcl"
)

// Service ships orders.
type Service struct {
	store     *store.Store
	carriers  *carriers.Registry
	rates     *rates.Calculator
	orders    *orders.Service
	catalog   *catalog.Service
	inventory *inventory.Service
	clock     clock.Clock
	ids       ids.Generator
	log       *log.Logger
	maxGrams  int
}

// Deps are the collaborators of the fulfilment service.
type Deps struct {
	Store          *store.Store
	Carriers       *carriers.Registry
	Rates          *rates.Calculator
	Orders         *orders.Service
	Catalog        *catalog.Service
	Inventory      *inventory.Service
	Clock          clock.Clock
	IDs            ids.Generator
	Log            *log.Logger
	MaxParcelGrams int
}

// New returns the fulfilment service.
func New(d Deps) *Service {
	return &Service{
		store: d.Store, carriers: d.Carriers, rates: d.Rates, orders: d.Orders, catalog: d.Catalog,
		inventory: d.Inventory, clock: d.Clock, ids: d.IDs, log: d.Log.Named("fulfilment"), maxGrams: d.MaxParcelGrams,
	}
}

// Quote lists the shipping options for lines going to country.
func (s *Service) Quote(ctx context.Context, country string, lines []store.Line) ([]rates.Option, error) {
	parcels, err := s.pack(ctx, lines)
	if err != nil {
		return nil, err
	}
	return s.rates.Options(country, parcels)
}

// Fulfil ships a paid order. Calling it again for a shipped order returns
// the existing shipment.
func (s *Service) Fulfil(ctx context.Context, orderID string) (*models.Shipment, error) {
	existing, err := s.store.ByOrder(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if len(existing) > 0 {
		return &existing[0], nil
	}
	po, err := s.store.PendingOrder(ctx, orderID)
	if err != nil {
		return nil, err
	}
	parcels, err := s.pack(ctx, po.Lines)
	if err != nil {
		return nil, err
	}
	options, err := s.rates.Options(po.Destination.Country, parcels)
	if err != nil {
		return nil, errs.Wrap(errs.KindConflict, "fulfilment.Fulfil", err)
	}
	opt := options[0]
	carrier, err := s.carriers.Get(opt.Carrier)
	if err != nil {
		return nil, err
	}
	sh := &models.Shipment{
		ID: s.ids.New(shipmentIDPrefix), OrderID: po.OrderID, Carrier: opt.Carrier, Service: opt.Service,
		Status: models.ShipmentPending, Destination: po.Destination, Cost: opt.Price, CreatedAt: s.clock.Now(),
	}
	for _, p := range parcels {
		p.ID = s.ids.New(parcelIDPrefix)
		sh.AddParcel(p)
	}
	booking, err := carrier.Book(ctx, carriers.Request{
		ShipmentID: sh.ID, Service: sh.Service, Reference: po.OrderID, To: sh.Destination, Parcels: sh.Parcels,
	})
	if err != nil {
		return nil, errs.Unavailable("fulfilment.Fulfil", err)
	}
	if err := sh.MarkLabelled(booking.TrackingNumber); err != nil {
		return nil, err
	}
	if !booking.Cost.IsZero() {
		sh.Cost = booking.Cost
	}
	printed, err := labels.Render(*sh)
	if err != nil {
		return nil, err
	}
	for i := range sh.Parcels {
		sh.Parcels[i].Label = printed[i]
	}
	if err := s.store.Insert(ctx, sh); err != nil {
		return nil, err
	}
	if err := s.inventory.Commit(ctx, orderID); err != nil {
		s.log.Error("committing stock failed", log.F("order", orderID), log.Err(err))
	}
	if err := s.orders.MarkShipped(ctx, orderID, sh.TrackingNumber); err != nil {
		return sh, fmt.Errorf("fulfilment: shipment %s booked but order not updated: %w", sh.ID, err)
	}
	s.log.Info("order shipped", log.F("order", orderID), log.F("shipment", sh.ID), log.F("carrier", sh.Carrier))
	return sh, nil
}

// HandleOrderPaid ships an order as soon as it is paid.
func (s *Service) HandleOrderPaid(ctx context.Context, e eventbus.Event) error {
	ev, ok := e.(orders.OrderPaid)
	if !ok {
		return fmt.Errorf("fulfilment: unexpected event %T", e)
	}
	_, err := s.Fulfil(ctx, ev.OrderID)
	return err
}

// FulfilBacklog ships paid orders that were missed, up to limit.
func (s *Service) FulfilBacklog(ctx context.Context, limit int) (int, error) {
	ids, err := s.store.OrdersAwaitingShipment(ctx, limit)
	if err != nil {
		return 0, err
	}
	n := 0
	var failed []error
	for _, id := range ids {
		if _, err := s.Fulfil(ctx, id); err != nil {
			failed = append(failed, fmt.Errorf("order %s: %w", id, err))
			continue
		}
		n++
	}
	return n, errors.Join(failed...)
}
