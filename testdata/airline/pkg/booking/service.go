// Package booking creates and manages bookings (PNRs).
package booking

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"skyhop.aero/backend/pkg/booking/adapters/postgres"
	"skyhop.aero/backend/pkg/booking/domain"
	"skyhop.aero/backend/pkg/core/pnr"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/notify"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/platform/money"
	"skyhop.aero/backend/pkg/pricing"
	"skyhop.aero/backend/pkg/schedule"
	"skyhop.aero/backend/pkg/schedule/inventory"
)

type Service struct {
	DB        *sql.DB
	Store     *postgres.Store
	Pricing   *pricing.Service
	Schedule  *schedule.Service
	Inventory *inventory.Service
	Notify    *notify.Service
	Bus       *events.Bus
	HoldTTL   time.Duration
	Log       *slog.Logger
	Now       func() time.Time
}

// CreateRequest is what the sales channels send to book a quote.
type CreateRequest struct {
	QuoteID    string             `json:"quote_id"`
	Passengers []models.Passenger `json:"passengers"`
	Email      string             `json:"email"`
	Phone      string             `json:"phone"`
}

// Create redeems a quote, sells the seats and stores a held booking.
func (s *Service) Create(ctx context.Context, req CreateRequest) (*models.PNR, error) {
	quote, flightIDs, err := s.Pricing.Redeem(ctx, req.QuoteID)
	if err != nil {
		return nil, err
	}
	flights := make([]models.FlightSummary, 0, len(flightIDs))
	for _, id := range flightIDs {
		f, err := s.Schedule.Flight(ctx, id)
		if err != nil {
			return nil, err
		}
		if f.Status == models.FlightCancelled || f.Status == models.FlightDeparted {
			return nil, errs.Conflict("booking.create", "flight %s%d is %s", f.Carrier, f.Number, f.Status)
		}
		flights = append(flights, f)
	}
	b, err := domain.NewBooking(quote, flights, req.Passengers, req.Email, req.Phone, s.HoldTTL, s.Now())
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		err = db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
			for _, sg := range b.Segments {
				if err := s.Inventory.Sell(ctx, sg.FlightID, sg.BookingClass, b.SeatedCount()); err != nil {
					return err
				}
			}
			return s.Store.Insert(ctx, b)
		})
		if errs.KindOf(err) == errs.KindConflict && attempt < 3 && err.Error() == "booking.insert: locator collision" {
			b.Locator = pnr.NewLocator()
			continue
		}
		break
	}
	if err != nil {
		return nil, err
	}
	return &b.PNR, nil
}

// Get returns a booking.
func (s *Service) Get(ctx context.Context, locator string) (*models.PNR, error) {
	if !pnr.ValidLocator(locator) {
		return nil, errs.Invalid("booking.get", "malformed locator %q", locator)
	}
	b, err := s.Store.Get(ctx, locator)
	if err != nil {
		return nil, err
	}
	return &b.PNR, nil
}

// Confirm records a successful payment against the booking.
func (s *Service) Confirm(ctx context.Context, locator string, paid money.Amount) error {
	return s.mutate(ctx, locator, "payment", func(b *domain.Booking) error {
		if err := b.Confirm(paid, s.Now()); err != nil {
			return err
		}
		if err := s.Notify.Queue(ctx, models.Message{Channel: "email", To: b.ContactEmail, Template: "booking_confirmed",
			Data: map[string]string{"locator": b.Locator, "total": b.Total.String()}}); err != nil {
			return err
		}
		return s.Bus.Publish(ctx, events.BookingConfirmed, map[string]string{"locator": b.Locator})
	})
}

// MarkTicketed is called by ticketing once all tickets are issued.
func (s *Service) MarkTicketed(ctx context.Context, locator string) error {
	return s.mutate(ctx, locator, "ticketing", func(b *domain.Booking) error { return b.MarkTicketed() })
}

// Cancel cancels the booking and releases its seats.
func (s *Service) Cancel(ctx context.Context, locator, actor string) error {
	return s.mutate(ctx, locator, actor, func(b *domain.Booking) error {
		released, err := b.Cancel()
		if err != nil {
			return err
		}
		for _, sg := range released {
			if err := s.Inventory.Release(ctx, sg.FlightID, sg.BookingClass, b.SeatedCount()); err != nil {
				return err
			}
		}
		return s.Bus.Publish(ctx, events.BookingCancelled, map[string]string{"locator": b.Locator})
	})
}

// OnFlight lists the locators of active bookings on a flight.
func (s *Service) OnFlight(ctx context.Context, flightID int64) ([]string, error) {
	return s.Store.OnFlight(ctx, flightID)
}

// ExpireHolds cancels unpaid bookings past their hold time.
func (s *Service) ExpireHolds(ctx context.Context, limit int) (int, error) {
	locs, err := s.Store.ExpiredHolds(ctx, s.Now(), limit)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, l := range locs {
		if err := s.Cancel(ctx, l, "hold-expiry"); err != nil {
			s.Log.Warn("hold expiry failed", "locator", l, "err", err)
			continue
		}
		n++
	}
	return n, nil
}

func (s *Service) mutate(ctx context.Context, locator, actor string, fn func(*domain.Booking) error) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		b, err := s.Store.Get(ctx, locator)
		if err != nil {
			return err
		}
		before := clonePNR(b.PNR)
		if err := fn(b); err != nil {
			return err
		}
		return s.Store.Update(ctx, b, pnr.Diff(before, b.PNR), actor)
	})
}

func clonePNR(p models.PNR) models.PNR {
	c := p
	c.Segments = append([]models.Segment(nil), p.Segments...)
	c.Passengers = append([]models.Passenger(nil), p.Passengers...)
	return c
}
