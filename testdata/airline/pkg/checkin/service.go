// Package checkin runs online and airport check-in, seat allocation,
// boarding passes and boarding.
package checkin

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	bookingstore "skyhop.aero/backend/pkg/booking/adapters/postgres"
	"skyhop.aero/backend/pkg/checkin/adapters/postgres"
	"skyhop.aero/backend/pkg/checkin/boardingpass"
	"skyhop.aero/backend/pkg/checkin/domain"
	"skyhop.aero/backend/pkg/checkin/seating"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/config"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/schedule"
	"skyhop.aero/backend/pkg/ticketing"
)

type Service struct {
	DB       *sql.DB
	Store    *postgres.Store
	Seats    *seating.Allocator
	Bookings *bookingstore.Store
	Tickets  *ticketing.Service
	Schedule *schedule.Service
	Bus      *events.Bus
	Cfg      *config.Config
	Log      *slog.Logger
	Now      func() time.Time
}

func New(d *sql.DB, tickets *ticketing.Service, sched *schedule.Service, bus *events.Bus, cfg *config.Config, log *slog.Logger) *Service {
	return &Service{DB: d, Store: postgres.New(d), Seats: seating.New(d), Bookings: bookingstore.New(d),
		Tickets: tickets, Schedule: sched, Bus: bus, Cfg: cfg, Log: log, Now: time.Now}
}

// Request is an online check-in for one passenger on one flight.
type Request struct {
	Locator  string          `json:"locator"`
	LastName string          `json:"last_name"`
	FlightID int64           `json:"flight_id"`
	Seat     string          `json:"seat,omitempty"`
	Document domain.Document `json:"document"`
}

var schengen = map[string]bool{"NO": true, "DK": true, "SE": true, "FI": true, "IS": true}

// CheckIn validates the ticket and window, allocates a seat and issues the
// boarding pass.
func (s *Service) CheckIn(ctx context.Context, req Request) (models.BoardingPass, error) {
	var bp models.BoardingPass
	pax, err := s.Bookings.PassengerByName(ctx, req.Locator, req.LastName)
	if err != nil {
		return bp, err
	}
	if pax.Type == models.Infant {
		return bp, errs.Invalid("checkin", "infants are checked in with their adult")
	}
	b, err := s.Bookings.Get(ctx, req.Locator)
	if err != nil {
		return bp, err
	}
	var seg *models.Segment
	for i := range b.Segments {
		if b.Segments[i].FlightID == req.FlightID && b.Segments[i].Status != models.SegCancelled {
			seg = &b.Segments[i]
		}
	}
	if seg == nil {
		return bp, errs.NotFound("checkin", "booking %s has no segment on flight %d", req.Locator, req.FlightID)
	}
	flight, err := s.Schedule.Flight(ctx, req.FlightID)
	if err != nil {
		return bp, err
	}
	if err := domain.Window(s.Now(), flight.DepartureUTC, s.Cfg.CheckinOpens, s.Cfg.CheckinCloses); err != nil {
		return bp, err
	}
	_, coupon, err := s.Tickets.Coupon(ctx, pax.ID, req.FlightID)
	if err != nil {
		return bp, err
	}
	if coupon.Status != models.CouponOpen {
		return bp, errs.Conflict("checkin", "coupon status is %s", coupon.Status)
	}
	sch := schengen[countryOf(flight.Origin)] && schengen[countryOf(flight.Destination)]
	if err := domain.ValidateDocument(req.Document, flight.DepartureUTC, sch); err != nil {
		return bp, err
	}

	err = db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		m, err := s.Seats.Load(ctx, req.FlightID)
		if err != nil {
			return err
		}
		seat := req.Seat
		if seat == "" || !m.Free(seat) {
			var ok bool
			if seat, ok = m.Auto(seg.BookingClass == "J" || seg.BookingClass == "C"); !ok {
				return errs.Conflict("checkin", "no seat available; see an agent")
			}
		}
		if err := s.Seats.Assign(ctx, req.FlightID, pax.ID, seat); err != nil {
			return err
		}
		c := domain.Checkin{Locator: req.Locator, PassengerID: pax.ID, FlightID: req.FlightID, Seat: seat,
			Status: domain.CheckedIn, DocType: req.Document.Type, DocNumber: req.Document.Number,
			DocCountry: req.Document.Country, DocExpiry: req.Document.Expiry}
		if err := s.Store.Insert(ctx, &c); err != nil {
			return err
		}
		if err := s.Tickets.MoveCoupon(ctx, pax.ID, req.FlightID, models.CouponCheckedIn); err != nil {
			return err
		}
		bp = boardingpass.Pass(pax, flight, req.Locator, seat, c.Sequence, domain.Zone(seat, m.Rows))
		if err := s.Store.SaveBoardingPass(ctx, bp); err != nil {
			return err
		}
		return s.Bus.Publish(ctx, events.PassengerCheckedIn, map[string]any{"checkin_id": c.ID, "flight_id": req.FlightID})
	})
	return bp, err
}

// Board scans a boarding pass at the gate.
func (s *Service) Board(ctx context.Context, flightID int64, seq int) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		c, err := s.Store.BySequence(ctx, flightID, seq)
		if err != nil {
			return err
		}
		if err := c.Board(); err != nil {
			return err
		}
		if err := s.Store.SetStatus(ctx, c.ID, c.Status); err != nil {
			return err
		}
		return s.Tickets.MoveCoupon(ctx, c.PassengerID, flightID, models.CouponBoarded)
	})
}

// Offload removes a checked-in passenger, freeing the seat and reopening
// the coupon.
func (s *Service) Offload(ctx context.Context, passengerID, flightID int64) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		c, err := s.Store.Find(ctx, passengerID, flightID)
		if err != nil {
			return err
		}
		if err := c.Offload(); err != nil {
			return err
		}
		if err := s.Store.SetStatus(ctx, c.ID, c.Status); err != nil {
			return err
		}
		if err := s.Seats.Release(ctx, flightID, passengerID); err != nil {
			return err
		}
		return s.Tickets.MoveCoupon(ctx, passengerID, flightID, models.CouponOpen)
	})
}

// Manifest returns passenger counts per status.
func (s *Service) Manifest(ctx context.Context, flightID int64) (map[domain.Status]int, error) {
	return s.Store.Manifest(ctx, flightID)
}

func countryOf(iata string) string {
	switch iata {
	case "OSL", "BGO", "TRD", "SVG", "TOS", "BOO":
		return "NO"
	case "CPH", "BLL":
		return "DK"
	case "ARN", "GOT":
		return "SE"
	case "HEL":
		return "FI"
	case "KEF":
		return "IS"
	}
	return ""
}
