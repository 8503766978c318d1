// Package domain models issued tickets and ticket transfers between fans.
package domain

import (
	"time"

	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/shared/model"
)

// Ticket is one admission credential.
type Ticket struct {
	ID        string
	OrderID   string
	EventID   string
	LineNo    int
	HolderID  string
	SeatID    string
	SeatLabel string
	Barcode   string
	Version   int
	Status    model.TicketStatus
	IssuedAt  time.Time
	ScannedAt time.Time
}

// View converts to the shared ticket view.
func (t *Ticket) View() model.TicketView {
	return model.TicketView{ID: t.ID, OrderID: t.OrderID, EventID: t.EventID, HolderID: t.HolderID,
		SeatLbl: t.SeatLabel, Barcode: t.Barcode, Status: t.Status}
}

// Void invalidates the ticket (order refunded or cancelled).
func (t *Ticket) Void() {
	if t.Status != model.TicketStatusScanned {
		t.Status = model.TicketStatusVoid
	}
}

// TransferCutoff is how long before the event transfers close.
const TransferCutoff = 2 * time.Hour

// CanTransfer checks whether holder may pass the ticket on.
func (t *Ticket) CanTransfer(holderID string, eventStart, now time.Time) error {
	const op = "ticketing.CanTransfer"
	switch {
	case t.HolderID != holderID:
		return errs.E(errs.KindForbidden, op, "not your ticket")
	case t.Status != model.TicketStatusValid:
		return errs.Conflict(op, "ticket is "+string(t.Status))
	case now.After(eventStart.Add(-TransferCutoff)):
		return errs.Conflict(op, "transfers close two hours before the event")
	}
	return nil
}

// Reissue moves the ticket to a new holder with a fresh barcode version so
// that screenshots of the old code stop working.
func (t *Ticket) Reissue(newHolder string) {
	t.HolderID = newHolder
	t.Version++
}

// Transfer records a hand-over between fans.
type Transfer struct {
	ID        string
	TicketID  string
	FromFanID string
	ToFanID   string
	ToEmail   string
	CreatedAt time.Time
}
