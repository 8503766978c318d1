// Package display is the kitchen display service: routing fired items to
// stations, bumping and recalling tickets, and announcing ready orders.
package display

import (
	"context"
	"time"

	"tablecraft.io/ops/internal/kitchen/store"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/menu"
	"tablecraft.io/ops/models"
)

// LineSource provides the order lines for fired line ids. The POS satisfies
// it; the kitchen does not care where lines are stored.
type LineSource interface {
	Get(ctx context.Context, orderID int64) (*models.Order, error)
}

// Service runs the KDS.
type Service struct {
	store *store.Store
	menu  *menu.Service
	lines LineSource
	bus   *events.Bus
}

// New returns a Service.
func New(st *store.Store, m *menu.Service, lines LineSource, bus *events.Bus) *Service {
	return &Service{store: st, menu: m, lines: lines, bus: bus}
}

// OnOrderFired creates tickets for orders fired without them (online and
// partner orders). Orders rung at a terminal already carry ticket ids.
func (s *Service) OnOrderFired(ctx context.Context, e events.Event) error {
	var ev models.OrderFiredEvent
	if err := events.Decode(e, &ev); err != nil {
		return err
	}
	if len(ev.TicketIDs) > 0 {
		return nil
	}
	o, err := s.lines.Get(ctx, ev.OrderID)
	if err != nil {
		return err
	}
	fired := map[int64]bool{}
	for _, id := range ev.LineIDs {
		fired[id] = true
	}
	byStation := map[string]*models.Ticket{}
	for _, l := range o.Lines {
		if !fired[l.ID] {
			continue
		}
		it, err := s.menu.Item(ctx, l.MenuItemID)
		if err != nil {
			return err
		}
		st := it.Station
		if st == "" {
			st = "expo"
		}
		t := byStation[st]
		if t == nil {
			t = &models.Ticket{OrderID: o.ID, LocationID: o.LocationID, Station: st, Label: label(o), FiredAt: time.Now()}
			byStation[st] = t
		}
		ti := models.TicketItem{OrderLineID: l.ID, Name: l.Name, Qty: l.Qty, Notes: l.Notes}
		for _, m := range l.Modifiers {
			ti.Mods = append(ti.Mods, m.Name)
		}
		t.Items = append(t.Items, ti)
	}
	for _, t := range byStation {
		if err := s.store.Insert(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

func label(o *models.Order) string {
	if o.ExternalID != "" {
		return string(o.Channel) + " " + o.ExternalID
	}
	return "#" + time.Now().Format("1504")
}

// Station returns the active queue for a station ("" = expo, all stations).
func (s *Service) Station(ctx context.Context, locationID int64, station string) ([]models.Ticket, error) {
	return s.store.Active(ctx, locationID, station)
}

// Start marks a ticket as being worked.
func (s *Service) Start(ctx context.Context, ticketID int64) error {
	_, _, err := s.store.SetStatus(ctx, ticketID, "in_progress")
	return err
}

// Recall puts a bumped ticket back on the screen.
func (s *Service) Recall(ctx context.Context, ticketID int64) error {
	_, _, err := s.store.SetStatus(ctx, ticketID, "new")
	return err
}

// Bump completes a ticket; when the last ticket of an order is bumped the
// order is announced as ready (for runners, pickup shelves and partners).
func (s *Service) Bump(ctx context.Context, ticketID int64) error {
	orderID, locationID, err := s.store.SetStatus(ctx, ticketID, "done")
	if err != nil {
		return err
	}
	s.bus.Publish(ctx, events.Event{Topic: events.TicketBumped, LocationID: locationID,
		Payload: map[string]int64{"ticket_id": ticketID, "order_id": orderID}})
	open, err := s.store.OpenForOrder(ctx, orderID)
	if err != nil || open > 0 {
		return err
	}
	s.bus.Publish(ctx, events.Event{Topic: events.OrderReady, LocationID: locationID,
		Payload: map[string]int64{"order_id": orderID}})
	return nil
}

// Load reports the kitchen backlog.
func (s *Service) Load(ctx context.Context, locationID int64) (*store.Load, error) {
	return s.store.QueueLoad(ctx, locationID)
}
