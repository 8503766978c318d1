// Package schedule is the flight schedule service: seasonal schedule lines,
// dated flights and their operational status.
package schedule

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	crewstore "skyhop.aero/backend/pkg/crew/adapters/postgres"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/schedule/adapters/postgres"
	"skyhop.aero/backend/pkg/schedule/domain"
	"skyhop.aero/backend/pkg/schedule/inventory"
)

type Service struct {
	DB        *sql.DB
	Store     *postgres.Store
	Inventory *inventory.Service
	Crew      *crewstore.Store
	Bus       *events.Bus
	Log       *slog.Logger
}

func New(d *sql.DB, inv *inventory.Service, bus *events.Bus, log *slog.Logger) *Service {
	return &Service{DB: d, Store: postgres.New(d), Inventory: inv, Crew: crewstore.New(d), Bus: bus, Log: log}
}

// Flight returns one dated flight.
func (s *Service) Flight(ctx context.Context, id int64) (models.FlightSummary, error) {
	f, err := s.Store.Flight(ctx, id)
	if err != nil {
		return models.FlightSummary{}, err
	}
	return f.Summary(), nil
}

// Search finds flights departing on a local date at the origin.
func (s *Service) Search(ctx context.Context, origin, dest string, date time.Time) ([]models.FlightSummary, error) {
	ap, err := s.Store.Airport(ctx, origin)
	if err != nil {
		return nil, err
	}
	loc, err := ap.Location()
	if err != nil {
		return nil, err
	}
	from := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, loc)
	return s.Store.Search(ctx, origin, dest, from.UTC(), from.Add(24*time.Hour).UTC())
}

// SaveLine validates and stores a schedule line.
func (s *Service) SaveLine(ctx context.Context, l *domain.ScheduleLine) error {
	if err := l.Validate(); err != nil {
		return err
	}
	if _, err := s.Store.AircraftType(ctx, l.AircraftType); err != nil {
		return err
	}
	return s.Store.UpsertLine(ctx, l)
}

// Generate materializes dated flights for the next `days` days and opens
// their inventory. It is idempotent.
func (s *Service) Generate(ctx context.Context, start time.Time, days int) (int, error) {
	end := start.AddDate(0, 0, days)
	lines, err := s.Store.ActiveLines(ctx, start, end)
	if err != nil {
		return 0, err
	}
	created := 0
	for _, l := range lines {
		origin, err := s.Store.Airport(ctx, l.Origin)
		if err != nil {
			return created, err
		}
		ac, err := s.Store.AircraftType(ctx, l.AircraftType)
		if err != nil {
			return created, err
		}
		for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
			if !l.OperatesOn(d) {
				continue
			}
			f, err := domain.Materialize(l, d, origin)
			if err != nil {
				return created, err
			}
			err = db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
				ok, err := s.Store.InsertFlight(ctx, &f)
				if err != nil || !ok {
					return err
				}
				created++
				return s.Inventory.Open(ctx, f.ID, ac.SeatsEconomy, ac.SeatsBusiness)
			})
			if err != nil {
				return created, err
			}
		}
	}
	return created, nil
}

// Delay records a new ETD and announces it.
func (s *Service) Delay(ctx context.Context, id int64, etd time.Time) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		f, err := s.Store.Flight(ctx, id)
		if err != nil {
			return err
		}
		mins, err := f.Delay(etd)
		if err != nil {
			return err
		}
		if err := s.Store.UpdateOps(ctx, f); err != nil {
			return err
		}
		return s.Bus.Publish(ctx, events.FlightDelayed, map[string]any{"flight_id": id, "minutes": mins})
	})
}

// Cancel cancels a flight, closes its inventory and frees the crew.
// Passenger re-accommodation is driven by the FlightCancelled event.
func (s *Service) Cancel(ctx context.Context, id int64, reason string) error {
	if reason == "" {
		return errs.Invalid("schedule.cancel", "reason is required")
	}
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		f, err := s.Store.Flight(ctx, id)
		if err != nil {
			return err
		}
		if err := f.Transition(models.FlightCancelled); err != nil {
			return err
		}
		if err := s.Store.UpdateOps(ctx, f); err != nil {
			return err
		}
		if err := s.Inventory.Close(ctx, id); err != nil {
			return err
		}
		// Crew used to be released here synchronously; kept because ops
		// rely on the roster being clean before the event is processed.
		if _, err := s.Crew.ReleaseFlight(ctx, id); err != nil {
			return err
		}
		return s.Bus.Publish(ctx, events.FlightCancelled, map[string]any{"flight_id": id, "reason": reason})
	})
}

// SetStatus moves a flight through boarding/departed/arrived and sets the gate.
func (s *Service) SetStatus(ctx context.Context, id int64, status models.FlightStatus, gate string) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		f, err := s.Store.Flight(ctx, id)
		if err != nil {
			return err
		}
		if gate != "" {
			f.Gate = gate
		}
		if status != f.Status {
			if err := f.Transition(status); err != nil {
				return err
			}
		}
		if err := s.Store.UpdateOps(ctx, f); err != nil {
			return err
		}
		if status == models.FlightDeparted {
			return s.Bus.Publish(ctx, events.FlightDeparted, map[string]any{"flight_id": id})
		}
		return nil
	})
}
