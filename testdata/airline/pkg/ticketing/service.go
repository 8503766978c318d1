// Package ticketing issues e-tickets for paid bookings and tracks coupon
// status through check-in, boarding and flight.
package ticketing

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"skyhop.aero/backend/pkg/booking"
	"skyhop.aero/backend/pkg/core/farecalc"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/notify"
	paystore "skyhop.aero/backend/pkg/payments/store"
	"skyhop.aero/backend/pkg/platform/config"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/platform/money"
	"skyhop.aero/backend/pkg/ticketing/adapters/postgres"
	"skyhop.aero/backend/pkg/ticketing/domain"
)

type Service struct {
	DB       *sql.DB
	Store    *postgres.Store
	Bookings *booking.Service
	Payments *paystore.Store
	Notify   *notify.Service
	Bus      *events.Bus
	Cfg      *config.Config
	Log      *slog.Logger
}

func New(d *sql.DB, bookings *booking.Service, n *notify.Service, bus *events.Bus, cfg *config.Config, log *slog.Logger) *Service {
	return &Service{DB: d, Store: postgres.New(d), Bookings: bookings, Payments: paystore.New(d),
		Notify: n, Bus: bus, Cfg: cfg, Log: log}
}

// OnBookingConfirmed issues the tickets of a freshly paid booking.
func (s *Service) OnBookingConfirmed(ctx context.Context, e events.Event) error {
	var p struct {
		Locator string `json:"locator"`
	}
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	_, err := s.Issue(ctx, p.Locator)
	return err
}

// Issue creates one ticket per passenger with one coupon per segment.
func (s *Service) Issue(ctx context.Context, locator string) ([]models.Ticket, error) {
	pnr, err := s.Bookings.Get(ctx, locator)
	if err != nil {
		return nil, err
	}
	if pnr.Status != models.PNRConfirmed {
		return nil, errs.Conflict("ticketing.issue", "booking %s is %s", locator, pnr.Status)
	}
	existing, err := s.Store.ForBooking(ctx, locator)
	if err != nil {
		return nil, err
	}
	if len(existing) > 0 {
		return existing, nil // already issued; event redelivered
	}
	// Form of payment for the ticket image comes from the payments table.
	paid, err := s.Payments.CapturedFor(ctx, locator)
	if err != nil {
		return nil, err
	}
	if len(paid) == 0 {
		return nil, errs.Conflict("ticketing.issue", "no captured payment for %s", locator)
	}
	fop := "CC/" + paid[len(paid)-1].PSPRef

	shares := splitTotal(pnr.Total, pnr.Passengers)
	var out []models.Ticket
	err = db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		for i, px := range pnr.Passengers {
			serial, err := s.Store.NextSerial(ctx)
			if err != nil {
				return err
			}
			t := models.Ticket{
				Number: domain.TicketNumber(s.Cfg.TicketPrefix, serial), Locator: locator,
				PassengerID: px.ID, Total: shares[i], IssuedAt: time.Now().UTC(),
			}
			var comps []farecalc.Component
			per := money.New(shares[i].Minor/int64(len(pnr.Segments)), shares[i].Currency)
			for n, sg := range pnr.Segments {
				t.Coupons = append(t.Coupons, models.Coupon{Number: n + 1, SegmentID: sg.ID, FlightID: sg.FlightID, Status: models.CouponOpen})
				if sg.Flight != nil {
					comps = append(comps, farecalc.Component{Origin: sg.Flight.Origin, Destination: sg.Flight.Destination,
						Carrier: sg.Flight.Carrier, FareBasis: sg.BookingClass, Amount: per})
				}
			}
			if err := s.Store.Insert(ctx, t, farecalc.Line(comps, 1.0), fop); err != nil {
				return err
			}
			out = append(out, t)
			if err := s.Bus.Publish(ctx, events.TicketIssued, map[string]string{"ticket_number": t.Number, "locator": locator}); err != nil {
				return err
			}
		}
		if err := s.Bookings.MarkTicketed(ctx, locator); err != nil {
			return err
		}
		return s.Notify.Queue(ctx, models.Message{Channel: "email", To: pnr.ContactEmail, Template: "ticket_issued",
			Data: map[string]string{"ticket": out[0].Number, "locator": locator}})
	})
	return out, err
}

// splitTotal divides the booking total between passengers; infants pay a
// tenth of an adult share and any remainder goes to the first passenger.
func splitTotal(total money.Amount, pax []models.Passenger) []money.Amount {
	weights := make([]int64, len(pax))
	var sum int64
	for i, p := range pax {
		w := int64(10)
		if p.Type == models.Infant {
			w = 1
		}
		weights[i] = w
		sum += w
	}
	out := make([]money.Amount, len(pax))
	var alloc int64
	for i := range pax {
		out[i] = money.New(total.Minor*weights[i]/sum, total.Currency)
		alloc += out[i].Minor
	}
	if len(out) > 0 {
		out[0].Minor += total.Minor - alloc
	}
	return out
}

// Coupon returns the ticket number and coupon a passenger flies on.
func (s *Service) Coupon(ctx context.Context, passengerID, flightID int64) (string, models.Coupon, error) {
	return s.Store.Coupon(ctx, passengerID, flightID)
}

// MoveCoupon changes a coupon's status after validating the transition.
func (s *Service) MoveCoupon(ctx context.Context, passengerID, flightID int64, to models.CouponStatus) error {
	num, c, err := s.Store.Coupon(ctx, passengerID, flightID)
	if err != nil {
		return err
	}
	if err := domain.MoveCoupon(&c, to); err != nil {
		return err
	}
	return s.Store.SetCouponStatus(ctx, num, c.Number, to)
}

// OnFlightDeparted closes the coupons of a departed flight.
func (s *Service) OnFlightDeparted(ctx context.Context, e events.Event) error {
	var p struct {
		FlightID int64 `json:"flight_id"`
	}
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	flown, noshow, err := s.Store.FlyFlight(ctx, p.FlightID)
	if err != nil {
		return err
	}
	s.Log.Info("flight closed", "flight", p.FlightID, "flown", flown, "noshow", noshow)
	return nil
}

// Reissue moves a segment's open coupons to a replacement flight.
func (s *Service) Reissue(ctx context.Context, segmentID, newFlightID int64) error {
	return s.Store.Reissue(ctx, segmentID, newFlightID)
}

// Tickets lists a booking's tickets.
func (s *Service) Tickets(ctx context.Context, locator string) ([]models.Ticket, error) {
	return s.Store.ForBooking(ctx, locator)
}
