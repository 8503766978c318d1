// Package disruption handles irregular operations: when a flight is
// cancelled or heavily delayed it re-accommodates passengers and tells them.
package disruption

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"skyhop.aero/backend/pkg/booking"
	"skyhop.aero/backend/pkg/disruption/reaccom"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/notify"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/schedule"
	"skyhop.aero/backend/pkg/schedule/inventory"
	"skyhop.aero/backend/pkg/ticketing"
)

type Service struct {
	DB        *sql.DB
	Bookings  *booking.Service
	Schedule  *schedule.Service
	Inventory *inventory.Service
	Tickets   *ticketing.Service
	Notify    *notify.Service
	Log       *slog.Logger
}

// OnFlightCancelled re-accommodates everybody on a cancelled flight.
func (s *Service) OnFlightCancelled(ctx context.Context, e events.Event) error {
	var p struct {
		FlightID int64  `json:"flight_id"`
		Reason   string `json:"reason"`
	}
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	orig, err := s.Schedule.Flight(ctx, p.FlightID)
	if err != nil {
		return err
	}
	parties, err := s.affectedParties(ctx, p.FlightID)
	if err != nil {
		return err
	}
	var options []reaccom.Option
	for d := 0; d < 2; d++ {
		fs, err := s.Schedule.Search(ctx, orig.Origin, orig.Destination, orig.DepartureUTC.AddDate(0, 0, d))
		if err != nil {
			return err
		}
		for _, f := range fs {
			if f.FlightID == orig.FlightID || f.DepartureUTC.Before(orig.DepartureUTC) {
				continue
			}
			av, err := s.Inventory.Availability(ctx, f.FlightID)
			if err != nil {
				return err
			}
			// protection may use every seat in the cabin, not just open classes
			options = append(options, reaccom.Option{Flight: f, Available: map[string]int{"Y": av.Classes["Y"], "J": av.Classes["J"]}})
		}
	}
	moves := reaccom.Plan(orig, parties, options)

	var disruptionID int64
	if err := s.DB.QueryRowContext(ctx, `INSERT INTO disruptions (flight_id, kind, reason, created_at)
		VALUES ($1, 'CANCELLATION', $2, now()) RETURNING id`, p.FlightID, p.Reason).Scan(&disruptionID); err != nil {
		return err
	}
	moved := 0
	for _, m := range moves {
		if err := s.apply(ctx, disruptionID, orig, m); err != nil {
			s.Log.Error("reaccommodation failed", "locator", m.Party.Locator, "err", err)
			continue
		}
		if m.ToFlight != nil {
			moved++
		}
	}
	s.Log.Info("flight cancellation handled", "flight", p.FlightID, "parties", len(parties), "moved", moved)
	return nil
}

// affectedParties reads the bookings on the flight together with the best
// loyalty tier of each party, which the booking API does not return.
func (s *Service) affectedParties(ctx context.Context, flightID int64) ([]reaccom.Party, error) {
	rows, err := s.DB.QueryContext(ctx, `
		SELECT s.locator, s.id, s.booking_class, p.status, p.contact_email,
		       count(px.id) FILTER (WHERE px.pax_type <> 'INF'),
		       coalesce(max(CASE m.tier WHEN 'GOLD' THEN 3 WHEN 'SILVER' THEN 2 WHEN 'BLUE' THEN 1 END), 0)
		FROM pnr_segments s
		JOIN pnrs p            ON p.locator = s.locator
		JOIN pnr_passengers px ON px.locator = s.locator
		LEFT JOIN ff_members m ON m.number = px.ff_number
		WHERE s.flight_id = $1 AND s.status <> 'XX' AND p.status IN ('CONFIRMED', 'TICKETED')
		GROUP BY s.locator, s.id, s.booking_class, p.status, p.contact_email`, flightID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tiers := []string{"", "BLUE", "SILVER", "GOLD"}
	var out []reaccom.Party
	for rows.Next() {
		var pt reaccom.Party
		var status string
		var tier int
		if err := rows.Scan(&pt.Locator, &pt.SegmentID, &pt.Class, &status, &pt.Contact, &pt.Seats, &tier); err != nil {
			return nil, err
		}
		pt.Ticketed = status == string(models.PNRTicketed)
		pt.BestTier = tiers[tier]
		out = append(out, pt)
	}
	return out, rows.Err()
}

// apply moves one party: sells the seats on the new flight, rewrites the
// segment, reissues the coupons and records the outcome.
func (s *Service) apply(ctx context.Context, disruptionID int64, orig models.FlightSummary, m reaccom.Move) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, tx *sql.Tx) error {
		outcome := "UNPROTECTED"
		var newFlight sql.NullInt64
		if m.ToFlight != nil {
			class := "Y"
			if m.Party.Class == "J" || m.Party.Class == "C" || m.Party.Class == "D" {
				class = "J"
			}
			if err := s.Inventory.Sell(ctx, m.ToFlight.FlightID, class, m.Party.Seats); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `
				UPDATE pnr_segments SET flight_id = $2, booking_class = $3, status = 'TK'
				WHERE id = $1`, m.Party.SegmentID, m.ToFlight.FlightID, class); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO pnr_history (locator, actor, entry, created_at) VALUES ($1, 'irops', $2, now())`,
				m.Party.Locator, fmt.Sprintf("SEG %d XX -> %d TK", orig.FlightID, m.ToFlight.FlightID)); err != nil {
				return err
			}
			if m.Party.Ticketed {
				if err := s.Tickets.Reissue(ctx, m.Party.SegmentID, m.ToFlight.FlightID); err != nil {
					return err
				}
			}
			outcome, newFlight = "MOVED", sql.NullInt64{Int64: m.ToFlight.FlightID, Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO reaccommodations (disruption_id, locator, segment_id, new_flight_id, outcome, created_at)
			VALUES ($1, $2, $3, $4, $5, now())`, disruptionID, m.Party.Locator, m.Party.SegmentID, newFlight, outcome); err != nil {
			return err
		}
		msg := models.Message{Channel: "email", To: m.Party.Contact, Template: "flight_cancelled",
			Data: map[string]string{"flight": fmt.Sprintf("%s%d", orig.Carrier, orig.Number),
				"date": orig.DepartureUTC.Format("2 Jan"), "next": "Please contact us to rebook or request a refund."}}
		if m.ToFlight != nil {
			msg.Template = "rebooked"
			msg.Data = map[string]string{"locator": m.Party.Locator,
				"flight":    fmt.Sprintf("%s%d", m.ToFlight.Carrier, m.ToFlight.Number),
				"departure": m.ToFlight.DepartureUTC.Format(time.RFC822)}
		}
		return s.Notify.Queue(ctx, msg)
	})
}

// OnFlightDelayed tells passengers about delays of an hour or more and
// records long delays for compensation handling.
func (s *Service) OnFlightDelayed(ctx context.Context, e events.Event) error {
	var p struct {
		FlightID int64 `json:"flight_id"`
		Minutes  int   `json:"minutes"`
	}
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	if p.Minutes < 60 {
		return nil
	}
	f, err := s.Schedule.Flight(ctx, p.FlightID)
	if err != nil {
		return err
	}
	if p.Minutes >= 180 {
		if _, err := s.DB.ExecContext(ctx, `INSERT INTO disruptions (flight_id, kind, reason, delay_minutes, created_at)
			VALUES ($1, 'DELAY', 'delay over 3h', $2, now())`, p.FlightID, p.Minutes); err != nil {
			return err
		}
	}
	locators, err := s.Bookings.OnFlight(ctx, p.FlightID)
	if err != nil {
		return err
	}
	for _, l := range locators {
		b, err := s.Bookings.Get(ctx, l)
		if err != nil {
			return err
		}
		if err := s.Notify.Queue(ctx, models.Message{Channel: "email", To: b.ContactEmail, Template: "flight_delayed",
			Data: map[string]string{"flight": fmt.Sprintf("%s%d", f.Carrier, f.Number),
				"minutes": fmt.Sprint(p.Minutes), "departure": f.DepartureUTC.Format(time.RFC822)}}); err != nil {
			return err
		}
	}
	return nil
}
