// Package app holds the catalog use cases: promoters create and publish
// events, fans browse them, and other contexts look up event summaries.
package app

import (
	"context"
	"log/slog"

	"gatehouse.events/platform/internal/catalog/domain"
	"gatehouse.events/platform/internal/catalog/ports"
	invpg "gatehouse.events/platform/internal/inventory/adapters/postgres"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/shared/model"
)

// EventService implements catalog use cases.
type EventService struct {
	events ports.EventRepository
	venues ports.VenueRepository
	// seats provisions the seat inventory when an event is published.
	// TODO(inventory-split): go through inventory's API instead of its store.
	seats *invpg.SeatStore
	pub   events.Publisher
	clock clock.Clock
	log   *slog.Logger
}

// NewEventService wires the service.
func NewEventService(e ports.EventRepository, v ports.VenueRepository, seats *invpg.SeatStore, pub events.Publisher, c clock.Clock, log *slog.Logger) *EventService {
	return &EventService{events: e, venues: v, seats: seats, pub: pub, clock: c, log: log}
}

// CreateDraft stores a new draft event.
func (s *EventService) CreateDraft(ctx context.Context, e domain.Event) (*domain.Event, error) {
	if _, err := s.venues.Get(ctx, e.VenueID); err != nil {
		return nil, errs.Wrap(err, "catalog.CreateDraft")
	}
	e.ID = ids.New(ids.PrefixEvent)
	e.Status = model.EventStatusDraft
	for i := range e.PriceTiers {
		if e.PriceTiers[i].ID == "" {
			e.PriceTiers[i].ID = ids.New("tier")
		}
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	if err := s.events.Create(ctx, &e); err != nil {
		return nil, errs.Wrap(err, "catalog.CreateDraft")
	}
	return &e, nil
}

// Publish puts an event on sale and provisions its seat inventory.
func (s *EventService) Publish(ctx context.Context, promoterID, eventID string) error {
	const op = "catalog.Publish"
	e, err := s.events.Get(ctx, eventID)
	if err != nil {
		return errs.Wrap(err, op)
	}
	if e.PromoterID != promoterID {
		return errs.E(errs.KindForbidden, op, "event belongs to another promoter")
	}
	v, err := s.venues.Get(ctx, e.VenueID)
	if err != nil {
		return errs.Wrap(err, op)
	}
	if err := e.Publish(s.clock.Now()); err != nil {
		return err
	}
	specs := make([]invpg.SectionSpec, 0, len(v.Sections))
	for _, sec := range v.Sections {
		tier, ok := e.TierForSection(sec.Code)
		if !ok {
			continue // unpriced sections are not sold
		}
		specs = append(specs, invpg.SectionSpec{
			Code: sec.Code, Rows: sec.Rows, SeatsPerRow: sec.SeatsPerRow,
			GeneralAdmission: sec.GeneralAdmission, GACapacity: sec.GACapacity,
			PriceTierID: tier.ID,
		})
	}
	if err := s.seats.ProvisionEvent(ctx, e.ID, specs); err != nil {
		return errs.Wrap(err, op)
	}
	if err := s.events.Update(ctx, e); err != nil {
		return errs.Wrap(err, op)
	}
	s.log.Info("event published", "event_id", e.ID, "sections", len(specs))
	return s.pub.Publish(ctx, model.TopicEventPublished, e.ID, model.EventPublished{Event: e.Summary(v)})
}

// Cancel cancels an event; orders and payments react to the event.
func (s *EventService) Cancel(ctx context.Context, promoterID, eventID, reason string) error {
	const op = "catalog.Cancel"
	e, err := s.events.Get(ctx, eventID)
	if err != nil {
		return errs.Wrap(err, op)
	}
	if promoterID != "" && e.PromoterID != promoterID {
		return errs.E(errs.KindForbidden, op, "event belongs to another promoter")
	}
	if err := e.Cancel(); err != nil {
		return err
	}
	if err := s.events.Update(ctx, e); err != nil {
		return errs.Wrap(err, op)
	}
	return s.pub.Publish(ctx, model.TopicEventCancelled, e.ID, model.EventCancelled{EventID: e.ID, Reason: reason, At: s.clock.Now()})
}

// Get returns the full event.
func (s *EventService) Get(ctx context.Context, id string) (*domain.Event, error) {
	return s.events.Get(ctx, id)
}

// Summary returns the shared event card used by other contexts.
func (s *EventService) Summary(ctx context.Context, id string) (model.EventSummary, error) {
	e, err := s.events.Get(ctx, id)
	if err != nil {
		return model.EventSummary{}, err
	}
	v, err := s.venues.Get(ctx, e.VenueID)
	if err != nil {
		return model.EventSummary{}, err
	}
	return e.Summary(v), nil
}

// PriceTier returns one tier of an event (used when pricing a checkout).
func (s *EventService) PriceTier(ctx context.Context, eventID, tierID string) (domain.PriceTier, error) {
	e, err := s.events.Get(ctx, eventID)
	if err != nil {
		return domain.PriceTier{}, err
	}
	for _, t := range e.PriceTiers {
		if t.ID == tierID {
			return t, nil
		}
	}
	return domain.PriceTier{}, errs.NotFound("catalog.PriceTier", "price tier", tierID)
}

// ListOnSale is the public browse listing.
func (s *EventService) ListOnSale(ctx context.Context, f ports.OnSaleFilter) ([]model.EventSummary, error) {
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 50
	}
	if f.From.IsZero() {
		f.From = s.clock.Now()
	}
	evs, err := s.events.ListOnSale(ctx, f)
	if err != nil {
		return nil, errs.Wrap(err, "catalog.ListOnSale")
	}
	venues := map[string]domain.Venue{}
	out := make([]model.EventSummary, 0, len(evs))
	for _, e := range evs {
		v, ok := venues[e.VenueID]
		if !ok {
			if v, err = s.venues.Get(ctx, e.VenueID); err != nil {
				return nil, err
			}
			venues[e.VenueID] = v
		}
		out = append(out, e.Summary(v))
	}
	return out, nil
}
