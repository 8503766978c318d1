// Package app implements inventory use cases: placing, confirming and
// releasing holds, and answering availability queries.
package app

import (
	"context"
	"log/slog"
	"time"

	"gatehouse.events/platform/internal/inventory/domain"
	"gatehouse.events/platform/internal/inventory/ports"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
	"gatehouse.events/platform/internal/platform/ids"
)

// HoldService coordinates seat and GA holds.
type HoldService struct {
	seats ports.SeatRepository
	ga    ports.GARepository
	holds ports.HoldRepository
	tx    ports.Transactor
	clock clock.Clock
	ttl   time.Duration
	log   *slog.Logger
}

// NewHoldService wires the service.
func NewHoldService(s ports.SeatRepository, g ports.GARepository, h ports.HoldRepository, tx ports.Transactor, c clock.Clock, ttl time.Duration, log *slog.Logger) *HoldService {
	return &HoldService{seats: s, ga: g, holds: h, tx: tx, clock: c, ttl: ttl, log: log}
}

// HoldRequest asks for specific seats, best-available seats or GA places.
type HoldRequest struct {
	EventID       string
	SessionID     string
	SeatIDs       []string
	BestAvailable map[string]int // section -> count
	GA            []domain.GAItem
}

// Place creates a hold atomically or fails without side effects.
func (s *HoldService) Place(ctx context.Context, req HoldRequest) (*domain.Hold, error) {
	const op = "inventory.Place"
	now := s.clock.Now()
	h := &domain.Hold{
		ID: ids.New(ids.PrefixHold), EventID: req.EventID, SessionID: req.SessionID,
		GA: req.GA, Status: domain.HoldActive, CreatedAt: now, ExpiresAt: now.Add(s.ttl),
	}
	err := s.tx.InTx(ctx, func(ctx context.Context) error {
		seatIDs := append([]string(nil), req.SeatIDs...)
		for section, n := range req.BestAvailable {
			best, err := s.seats.BestAvailable(ctx, req.EventID, section, n)
			if err != nil {
				return err
			}
			if len(best) < n {
				return errs.Conflict(op, "not enough seats together in "+section)
			}
			for _, st := range best {
				seatIDs = append(seatIDs, st.ID)
			}
		}
		if len(seatIDs) > 0 {
			got, err := s.seats.Transition(ctx, seatIDs, domain.SeatAvailable, domain.SeatHeld, h.ID)
			if err != nil {
				return err
			}
			if got != len(seatIDs) {
				return errs.Conflict(op, "one or more seats are no longer available")
			}
		}
		for _, g := range req.GA {
			pool, err := s.ga.Pool(ctx, req.EventID, g.Section)
			if err != nil {
				return err
			}
			if err := pool.Reserve(g.Qty); err != nil {
				return err
			}
			if err := s.ga.Adjust(ctx, req.EventID, g.Section, g.Qty, 0); err != nil {
				return err
			}
		}
		h.SeatIDs = seatIDs
		if h.Units() == 0 {
			return errs.Invalid(op, "empty hold")
		}
		return s.holds.Create(ctx, h)
	})
	if err != nil {
		return nil, err
	}
	s.log.Debug("hold placed", "hold_id", h.ID, "units", h.Units())
	return h, nil
}

// Confirm converts a hold into sold inventory for an order.
func (s *HoldService) Confirm(ctx context.Context, holdID, orderID string) error {
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		h, err := s.holds.Get(ctx, holdID)
		if err != nil {
			return err
		}
		if h.Status == domain.HoldConfirmed && h.OrderID == orderID {
			return nil
		}
		if err := h.Confirm(orderID, s.clock.Now()); err != nil {
			return err
		}
		if len(h.SeatIDs) > 0 {
			if _, err := s.seats.Transition(ctx, h.SeatIDs, domain.SeatHeld, domain.SeatSold, h.ID); err != nil {
				return err
			}
		}
		for _, g := range h.GA {
			if err := s.ga.Adjust(ctx, h.EventID, g.Section, -g.Qty, g.Qty); err != nil {
				return err
			}
		}
		return s.holds.Save(ctx, h)
	})
}

// Release returns held inventory (checkout abandoned or payment failed).
func (s *HoldService) Release(ctx context.Context, holdID string) error {
	return s.release(ctx, holdID, false)
}

func (s *HoldService) release(ctx context.Context, holdID string, expired bool) error {
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		h, err := s.holds.Get(ctx, holdID)
		if err != nil {
			return err
		}
		if h.Status != domain.HoldActive {
			return nil
		}
		if err := h.Release(expired); err != nil {
			return err
		}
		if len(h.SeatIDs) > 0 {
			if _, err := s.seats.Transition(ctx, h.SeatIDs, domain.SeatHeld, domain.SeatAvailable, ""); err != nil {
				return err
			}
		}
		for _, g := range h.GA {
			if err := s.ga.Adjust(ctx, h.EventID, g.Section, -g.Qty, 0); err != nil {
				return err
			}
		}
		return s.holds.Save(ctx, h)
	})
}

// ExpireDue releases holds past their expiry; returns how many.
func (s *HoldService) ExpireDue(ctx context.Context, batch int) (int, error) {
	due, err := s.holds.DueForExpiry(ctx, s.clock.Now(), batch)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range due {
		if err := s.release(ctx, id, true); err != nil {
			s.log.Warn("expire hold failed", "hold_id", id, "err", err)
			continue
		}
		n++
	}
	return n, nil
}

// Get returns a hold.
func (s *HoldService) Get(ctx context.Context, id string) (*domain.Hold, error) {
	return s.holds.Get(ctx, id)
}

// Availability summarises remaining inventory per section.
func (s *HoldService) Availability(ctx context.Context, eventID string) ([]domain.SectionAvailability, error) {
	return s.seats.Availability(ctx, eventID)
}

// Seats returns seat details for the given ids.
func (s *HoldService) Seats(ctx context.Context, eventID string, seatIDs []string) ([]domain.Seat, error) {
	return s.seats.ByIDs(ctx, eventID, seatIDs)
}

// SeatLabels returns printable labels for seats (used on tickets).
func (s *HoldService) SeatLabels(ctx context.Context, eventID string, seatIDs []string) (map[string]string, error) {
	seats, err := s.seats.ByIDs(ctx, eventID, seatIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(seats))
	for _, st := range seats {
		out[st.ID] = st.Label()
	}
	return out, nil
}
