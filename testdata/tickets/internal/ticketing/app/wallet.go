package app

import (
	"context"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
	"gatehouse.events/platform/internal/shared/model"
	"gatehouse.events/platform/internal/ticketing/barcode"
	"gatehouse.events/platform/internal/ticketing/domain"
)

// MyTickets lists the tickets a fan currently holds.
func (s *Service) MyTickets(ctx context.Context, fanID string) ([]model.TicketView, error) {
	ts, err := s.tickets.ByHolder(ctx, fanID)
	if err != nil {
		return nil, err
	}
	out := make([]model.TicketView, 0, len(ts))
	for _, t := range ts {
		out = append(out, t.View())
	}
	return out, nil
}

// Get returns one of the fan's tickets.
func (s *Service) Get(ctx context.Context, fanID, ticketID string) (model.TicketView, error) {
	t, err := s.tickets.Get(ctx, ticketID)
	if err != nil {
		return model.TicketView{}, err
	}
	if t.HolderID != fanID {
		return model.TicketView{}, errs.NotFound("ticketing.Get", "ticket", ticketID)
	}
	return t.View(), nil
}

// Transfer hands a ticket to another registered fan by email.
func (s *Service) Transfer(ctx context.Context, fromFanID, ticketID, toEmail string) (model.TicketView, error) {
	const op = "ticketing.Transfer"
	t, err := s.tickets.Get(ctx, ticketID)
	if err != nil {
		return model.TicketView{}, err
	}
	ev, err := s.events.Summary(ctx, t.EventID)
	if err != nil {
		return model.TicketView{}, errs.Wrap(err, op)
	}
	now := s.clock.Now()
	if err := t.CanTransfer(fromFanID, ev.StartsAt, now); err != nil {
		return model.TicketView{}, err
	}
	to, err := s.fans.FindByEmail(ctx, toEmail)
	if err != nil {
		return model.TicketView{}, errs.Invalid(op, "recipient must have a Gatehouse account")
	}
	if to.ID == fromFanID {
		return model.TicketView{}, errs.Invalid(op, "cannot transfer to yourself")
	}
	t.Reissue(to.ID)
	t.Barcode = s.codec.Encode(barcode.Payload{TicketID: t.ID, EventID: t.EventID, Version: t.Version})
	if err := s.tickets.Update(ctx, t); err != nil {
		return model.TicketView{}, errs.Wrap(err, op)
	}
	if err := s.tickets.RecordTransfer(ctx, domain.Transfer{ID: ids.New("trf"), TicketID: t.ID, FromFanID: fromFanID,
		ToFanID: to.ID, ToEmail: to.Email, CreatedAt: now}); err != nil {
		s.log.Warn("record transfer", "ticket_id", t.ID, "err", err)
	}
	s.deliver(ctx, to.ID, t.EventID, []model.TicketView{t.View()})
	return t.View(), nil
}
