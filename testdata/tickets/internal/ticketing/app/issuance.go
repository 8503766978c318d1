// Package app issues tickets when orders are paid, voids them when orders
// are cancelled, and lets fans transfer tickets to friends.
package app

import (
	"context"
	"log/slog"

	orderspg "gatehouse.events/platform/internal/orders/adapters/postgres"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/shared/model"
	"gatehouse.events/platform/internal/ticketing/barcode"
	"gatehouse.events/platform/internal/ticketing/domain"
)

// Repository persists tickets.
type Repository interface {
	CreateBatch(ctx context.Context, ts []*domain.Ticket) error
	Get(ctx context.Context, id string) (*domain.Ticket, error)
	ByOrder(ctx context.Context, orderID string) ([]*domain.Ticket, error)
	ByHolder(ctx context.Context, fanID string) ([]*domain.Ticket, error)
	Update(ctx context.Context, t *domain.Ticket) error
	RecordTransfer(ctx context.Context, tr domain.Transfer) error
}

// SeatLabeler resolves printable seat labels (implemented by inventory).
type SeatLabeler interface {
	SeatLabels(ctx context.Context, eventID string, seatIDs []string) (map[string]string, error)
}

// EventLookup returns event cards (implemented by catalog).
type EventLookup interface {
	Summary(ctx context.Context, eventID string) (model.EventSummary, error)
}

// FanLookup resolves fans (implemented by accounts).
type FanLookup interface {
	Profile(ctx context.Context, fanID string) (model.FanProfile, error)
	FindByEmail(ctx context.Context, email string) (model.FanProfile, error)
}

// Mailer delivers tickets by email.
type Mailer interface {
	SendTickets(ctx context.Context, to model.FanProfile, ev model.EventSummary, tickets []model.TicketView) error
}

// Service implements ticketing use cases.
type Service struct {
	tickets Repository
	// orderLines reads order lines straight from the orders store; the
	// OrderPaid payload did not carry sections until recently.
	orderLines *orderspg.OrderStore
	seats      SeatLabeler
	events     EventLookup
	fans       FanLookup
	mail       Mailer
	codec      *barcode.Codec
	pub        events.Publisher
	clock      clock.Clock
	log        *slog.Logger
}

// Deps groups constructor arguments.
type Deps struct {
	Tickets    Repository
	OrderLines *orderspg.OrderStore
	Seats      SeatLabeler
	Events     EventLookup
	Fans       FanLookup
	Mail       Mailer
	Codec      *barcode.Codec
	Publisher  events.Publisher
	Clock      clock.Clock
	Log        *slog.Logger
}

// NewService wires the service.
func NewService(d Deps) *Service {
	return &Service{tickets: d.Tickets, orderLines: d.OrderLines, seats: d.Seats, events: d.Events, fans: d.Fans,
		mail: d.Mail, codec: d.Codec, pub: d.Publisher, clock: d.Clock, log: d.Log}
}

// IssueForOrder mints one ticket per order line. It is idempotent.
func (s *Service) IssueForOrder(ctx context.Context, paid model.OrderPaid) error {
	const op = "ticketing.IssueForOrder"
	existing, err := s.tickets.ByOrder(ctx, paid.Order.ID)
	if err != nil {
		return errs.Wrap(err, op)
	}
	if len(existing) > 0 {
		return nil
	}
	lines, err := s.orderLines.Lines(ctx, paid.Order.ID)
	if err != nil {
		return errs.Wrap(err, op)
	}
	var seatIDs []string
	for _, l := range lines {
		if l.SeatID != "" {
			seatIDs = append(seatIDs, l.SeatID)
		}
	}
	labels := map[string]string{}
	if len(seatIDs) > 0 {
		if labels, err = s.seats.SeatLabels(ctx, paid.Order.EventID, seatIDs); err != nil {
			return errs.Wrap(err, op)
		}
	}
	now := s.clock.Now()
	batch := make([]*domain.Ticket, 0, len(lines))
	for _, l := range lines {
		t := &domain.Ticket{ID: ids.New(ids.PrefixTicket), OrderID: paid.Order.ID, EventID: paid.Order.EventID,
			LineNo: l.No, HolderID: paid.Order.FanID, SeatID: l.SeatID, Version: 1, Status: model.TicketStatusValid, IssuedAt: now}
		t.SeatLabel = labels[l.SeatID]
		if t.SeatLabel == "" {
			t.SeatLabel = l.Section + " (standing)"
		}
		t.Barcode = s.codec.Encode(barcode.Payload{TicketID: t.ID, EventID: t.EventID, Version: t.Version})
		batch = append(batch, t)
	}
	if err := s.tickets.CreateBatch(ctx, batch); err != nil {
		return errs.Wrap(err, op)
	}
	views := make([]model.TicketView, len(batch))
	for i, t := range batch {
		views[i] = t.View()
	}
	s.deliver(ctx, paid.Order.FanID, paid.Order.EventID, views)
	return s.pub.Publish(ctx, model.TopicTicketsIssued, paid.Order.ID, model.TicketsIssued{OrderID: paid.Order.ID, FanID: paid.Order.FanID, Tickets: views})
}

func (s *Service) deliver(ctx context.Context, fanID, eventID string, views []model.TicketView) {
	fan, err := s.fans.Profile(ctx, fanID)
	if err != nil {
		s.log.Warn("ticket email: fan lookup failed", "fan_id", fanID, "err", err)
		return
	}
	ev, err := s.events.Summary(ctx, eventID)
	if err != nil {
		s.log.Warn("ticket email: event lookup failed", "event_id", eventID, "err", err)
		return
	}
	if err := s.mail.SendTickets(ctx, fan, ev, views); err != nil {
		s.log.Warn("ticket email failed", "fan_id", fanID, "err", err)
	}
}

// VoidOrder voids every ticket of a cancelled or refunded order.
func (s *Service) VoidOrder(ctx context.Context, orderID string) error {
	ts, err := s.tickets.ByOrder(ctx, orderID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		t.Void()
		if err := s.tickets.Update(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// Subscribe wires issuance to the order lifecycle.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicOrderPaid, "ticketing.issue", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.OrderPaid)
		if !ok {
			return nil
		}
		return s.IssueForOrder(ctx, p)
	})
	bus.Subscribe(model.TopicRefundCompleted, "ticketing.void", func(ctx context.Context, e events.Envelope) error {
		p, ok := e.Payload.(model.RefundCompleted)
		if !ok {
			return nil
		}
		return s.VoidOrder(ctx, p.OrderID)
	})
}
