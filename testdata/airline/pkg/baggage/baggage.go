// Package baggage handles checked bags: allowance, excess fees, bag tags and
// the bag tracking events reported by the handling agents.
package baggage

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"

	checkinstore "skyhop.aero/backend/pkg/checkin/adapters/postgres"
	checkindomain "skyhop.aero/backend/pkg/checkin/domain"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/platform/httpx"
	"skyhop.aero/backend/pkg/platform/money"
)

const (
	MaxWeightKg    = 32 // health and safety limit per bag
	FreeWeightKg   = 23
	AirlineNumeric = "729"
)

// ExcessFee is charged per bag above allowance and per overweight bag.
var (
	ExtraBagFee   = money.New(45_00, "EUR")
	OverweightFee = money.New(60_00, "EUR")
)

type Service struct {
	DB       *sql.DB
	Checkins *checkinstore.Store
	Bus      *events.Bus
}

func New(d *sql.DB, bus *events.Bus) *Service {
	return &Service{DB: d, Checkins: checkinstore.New(d), Bus: bus}
}

// Allowance returns the number of free bags for a passenger on a booking,
// read from the quote the booking was made with.
func (s *Service) Allowance(ctx context.Context, locator string) (int, error) {
	var bags int
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, `
		SELECT coalesce((q.body->>'bags_included')::int, 0)
		FROM pnrs p JOIN fare_quotes q ON q.quote_id = p.quote_id
		WHERE p.locator = $1`, locator).Scan(&bags)
	if db.NotFound(err) {
		return 0, errs.NotFound("baggage.allowance", "booking %s", locator)
	}
	return bags, err
}

// Fee computes the excess fee for adding a bag of the given weight.
func Fee(already, allowance, weightKg int) (money.Amount, error) {
	if weightKg > MaxWeightKg {
		return money.Amount{}, errs.Invalid("baggage.fee", "bags over %d kg must go as cargo", MaxWeightKg)
	}
	fee := money.Zero("EUR")
	if already >= allowance {
		fee = fee.Add(ExtraBagFee)
	}
	if weightKg > FreeWeightKg {
		fee = fee.Add(OverweightFee)
	}
	return fee, nil
}

// Check registers a bag for a checked-in passenger and returns the tag and
// any fee due at the counter.
func (s *Service) Check(ctx context.Context, passengerID, flightID int64, weightKg int) (models.Bag, money.Amount, error) {
	var bag models.Bag
	var fee money.Amount
	err := db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		c, err := s.Checkins.Find(ctx, passengerID, flightID)
		if err != nil {
			return err
		}
		if c.Status != checkindomain.CheckedIn {
			return errs.Conflict("baggage.check", "passenger is %s; bags closed", c.Status)
		}
		allowance, err := s.Allowance(ctx, c.Locator)
		if err != nil {
			return err
		}
		var already int
		if err := db.Q(ctx, s.DB).QueryRowContext(ctx, `SELECT count(*) FROM bags
			WHERE passenger_id = $1 AND flight_id = $2 AND status <> 'REMOVED'`, passengerID, flightID).Scan(&already); err != nil {
			return err
		}
		if fee, err = Fee(already, allowance, weightKg); err != nil {
			return err
		}
		var serial int64
		if err := db.Q(ctx, s.DB).QueryRowContext(ctx, `SELECT nextval('bag_tag_seq') % 1000000`).Scan(&serial); err != nil {
			return err
		}
		bag = models.Bag{TagNumber: fmt.Sprintf("0%s%06d", AirlineNumeric, serial), Locator: c.Locator,
			PassengerID: passengerID, FlightID: flightID, WeightKg: weightKg, Status: "CHECKED"}
		_, err = db.Q(ctx, s.DB).ExecContext(ctx, `
			INSERT INTO bags (tag_number, locator, passenger_id, flight_id, weight_kg, status, fee_minor, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7, now())`,
			bag.TagNumber, bag.Locator, passengerID, flightID, weightKg, bag.Status, fee.Minor)
		if err != nil {
			return err
		}
		return s.track(ctx, bag.TagNumber, "CHECKED", "")
	})
	return bag, fee, err
}

var validEvents = map[string]bool{"SCREENED": true, "LOADED": true, "OFFLOADED": true, "ARRIVED": true, "DELIVERED": true, "MISHANDLED": true, "REMOVED": true}

// Track records a handling scan for a bag tag.
func (s *Service) Track(ctx context.Context, tag, event, station string) error {
	event = strings.ToUpper(event)
	if !validEvents[event] {
		return errs.Invalid("baggage.track", "unknown event %s", event)
	}
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		res, err := db.Q(ctx, s.DB).ExecContext(ctx, `UPDATE bags SET status = $2 WHERE tag_number = $1`, tag, event)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.NotFound("baggage.track", "tag %s", tag)
		}
		return s.track(ctx, tag, event, station)
	})
}

func (s *Service) track(ctx context.Context, tag, event, station string) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		INSERT INTO bag_events (tag_number, event, station, created_at) VALUES ($1, $2, $3, now())`,
		tag, event, db.NullString(station))
	return err
}

// OnFlightDeparted flags bags that were checked but never loaded.
func (s *Service) OnFlightDeparted(ctx context.Context, e events.Event) error {
	var p struct {
		FlightID int64 `json:"flight_id"`
	}
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `UPDATE bags SET status = 'MISHANDLED'
		WHERE flight_id = $1 AND status IN ('CHECKED', 'SCREENED')`, p.FlightID)
	return err
}

// Handler serves the counter and handling-agent endpoints.
type Handler struct{ Svc *Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /counter/bags", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			PassengerID int64 `json:"passenger_id"`
			FlightID    int64 `json:"flight_id"`
			WeightKg    int   `json:"weight_kg"`
		}
		if err := httpx.Decode(r, &req); err != nil {
			httpx.Error(w, r, err)
			return
		}
		bag, fee, err := h.Svc.Check(r.Context(), req.PassengerID, req.FlightID, req.WeightKg)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		httpx.JSON(w, http.StatusCreated, map[string]any{"bag": bag, "fee": fee})
	})
	mux.HandleFunc("POST /handling/bags/{tag}/events", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Event   string `json:"event"`
			Station string `json:"station"`
		}
		if err := httpx.Decode(r, &req); err != nil {
			httpx.Error(w, r, err)
			return
		}
		if err := h.Svc.Track(r.Context(), r.PathValue("tag"), req.Event, req.Station); err != nil {
			httpx.Error(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
