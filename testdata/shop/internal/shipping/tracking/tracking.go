// Package tracking polls carriers for the progress of shipments.
package tracking

import (
	"context"
	"errors"
	"sort"

	"example.com/shop/internal/models"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/shipping/carriers"
	"example.com/shop/internal/shipping/store"
)

// Poller updates shipments from carrier tracking.
type Poller struct {
	store    *store.Store
	carriers *carriers.Registry
	orders   *orders.Service
	clock    clock.Clock
	log      *log.Logger
	batch    int
}

// NewPoller returns a poller handling up to batch shipments per run.
func NewPoller(st *store.Store, reg *carriers.Registry, ord *orders.Service, clk clock.Clock, logger *log.Logger, batch int) *Poller {
	return &Poller{store: st, carriers: reg, orders: ord, clock: clk, log: logger.Named("tracking"), batch: batch}
}

// Name implements the worker's job interface.
func (p *Poller) Name() string { return "shipping.track" }

// Run polls once.
func (p *Poller) Run(ctx context.Context) error {
	_, err := p.PollOnce(ctx)
	return err
}

// PollOnce polls every shipment in transit and returns how many changed.
func (p *Poller) PollOnce(ctx context.Context) (int, error) {
	shipments, err := p.store.InTransit(ctx, p.batch)
	if err != nil {
		return 0, err
	}
	changed := 0
	var failed []error
	for i := range shipments {
		ok, err := p.poll(ctx, &shipments[i])
		if err != nil {
			p.log.Warn("tracking failed", log.F("shipment", shipments[i].ID), log.Err(err))
			failed = append(failed, err)
			continue
		}
		if ok {
			changed++
		}
	}
	return changed, errors.Join(failed...)
}

func (p *Poller) poll(ctx context.Context, sh *models.Shipment) (bool, error) {
	c, err := p.carriers.Get(sh.Carrier)
	if err != nil {
		return false, err
	}
	cps, err := c.Track(ctx, sh.TrackingNumber)
	if err != nil || len(cps) == 0 {
		return false, err
	}
	events := make([]store.TrackingEvent, 0, len(cps))
	for _, cp := range cps {
		events = append(events, store.TrackingEvent{Status: cp.Status, Location: cp.Location, Detail: cp.Detail, OccurredAt: cp.At})
	}
	if err := p.store.AddTrackingEvents(ctx, sh.ID, events); err != nil {
		return false, err
	}
	latest, _ := Latest(cps)
	before := sh.Status
	switch latest.Status {
	case carriers.StatusInTransit, carriers.StatusOutForDeliv:
		if err := sh.MarkInTransit(latest.At); err != nil {
			return false, err
		}
	case carriers.StatusDelivered:
		if err := sh.MarkDelivered(latest.At); err != nil {
			return false, err
		}
	case carriers.StatusException:
		p.log.Warn("carrier exception", log.F("shipment", sh.ID), log.F("detail", latest.Detail))
		return false, nil
	}
	if sh.Status == before {
		return false, nil
	}
	if err := p.store.UpdateStatus(ctx, sh); err != nil {
		return false, err
	}
	if sh.Status == models.ShipmentDelivered {
		if err := p.orders.MarkDelivered(ctx, sh.OrderID); err != nil {
			return true, err
		}
	}
	return true, nil
}

// Latest returns the most recent checkpoint.
func Latest(cps []carriers.Checkpoint) (carriers.Checkpoint, bool) {
	if len(cps) == 0 {
		return carriers.Checkpoint{}, false
	}
	sorted := append([]carriers.Checkpoint(nil), cps...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	return sorted[len(sorted)-1], true
}
