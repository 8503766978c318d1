// Package crew is the crew rostering service: assignments, legality and
// roster publication.
package crew

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"skyhop.aero/backend/pkg/crew/adapters/postgres"
	"skyhop.aero/backend/pkg/crew/domain"
	"skyhop.aero/backend/pkg/crew/legality"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/notify"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/events"
)

type Service struct {
	DB     *sql.DB
	Store  *postgres.Store
	Bus    *events.Bus
	Notify *notify.Service
	Log    *slog.Logger
}

func New(d *sql.DB, bus *events.Bus, n *notify.Service, log *slog.Logger) *Service {
	return &Service{DB: d, Store: postgres.New(d), Bus: bus, Notify: n, Log: log}
}

// Assign puts a crew member on a flight after qualification and FTL checks.
func (s *Service) Assign(ctx context.Context, employeeID string, flightID int64) (domain.Assignment, error) {
	var out domain.Assignment
	err := db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		m, qs, err := s.Store.Member(ctx, employeeID)
		if err != nil {
			return err
		}
		if !m.Active {
			return errs.Invalid("crew.assign", "%s is not active", employeeID)
		}
		std, sta, aircraft, err := s.Store.FlightTimes(ctx, flightID)
		if err != nil {
			return err
		}
		if !domain.Qualified(m, qs, aircraft, std) {
			return errs.Invalid("crew.assign", "%s not rated on %s", employeeID, aircraft)
		}
		onFlight, err := s.Store.ForFlight(ctx, flightID)
		if err != nil {
			return err
		}
		missing, err := domain.Missing(aircraft, onFlight)
		if err != nil {
			return err
		}
		if missing[m.Rank] == 0 {
			return errs.Conflict("crew.assign", "flight %d already has enough %s", flightID, m.Rank)
		}
		a := domain.NewAssignment(m, flightID, std, sta)
		existing, err := s.Store.AssignmentsBetween(ctx, employeeID, std.Add(-365*24*time.Hour), sta.Add(48*time.Hour))
		if err != nil {
			return err
		}
		if vs := legality.Check(existing, a); len(vs) > 0 {
			msgs := make([]string, len(vs))
			for i, v := range vs {
				msgs[i] = v.String()
			}
			return errs.Conflict("crew.assign", "FTL: %s", strings.Join(msgs, "; "))
		}
		if err := s.Store.Insert(ctx, &a); err != nil {
			return err
		}
		out = a
		return nil
	})
	return out, err
}

// Unassign removes an assignment.
func (s *Service) Unassign(ctx context.Context, assignmentID int64) error {
	return s.Store.Delete(ctx, assignmentID)
}

// Crew lists the crew on a flight.
func (s *Service) Crew(ctx context.Context, flightID int64) ([]models.CrewOnFlight, error) {
	return s.Store.CrewOnFlight(ctx, flightID)
}

// Publish publishes the roster for a period and tells the crew.
func (s *Service) Publish(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	err := db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		members, err := s.Store.Publish(ctx, from, to)
		if err != nil {
			return err
		}
		for _, m := range members {
			if err := s.Notify.Queue(ctx, models.Message{Channel: "email", To: m.Email, Template: "roster_published",
				Data: map[string]string{"name": m.Name, "from": from.Format("2 Jan")}}); err != nil {
				return err
			}
		}
		n = len(members)
		return s.Bus.Publish(ctx, events.RosterPublished, map[string]any{"from": from, "to": to, "crew": n})
	})
	return n, err
}

// OnFlightCancelled releases the crew of a cancelled flight.
func (s *Service) OnFlightCancelled(ctx context.Context, e events.Event) error {
	var p struct {
		FlightID int64 `json:"flight_id"`
	}
	if err := events.Decode(e, &p); err != nil {
		return err
	}
	released, err := s.Store.ReleaseFlight(ctx, p.FlightID)
	if err != nil {
		return err
	}
	for _, id := range released {
		m, _, err := s.Store.Member(ctx, id)
		if err != nil {
			continue
		}
		_ = s.Notify.Queue(ctx, models.Message{Channel: "email", To: m.Email, Template: "crew_released",
			Data: map[string]string{"name": m.Name, "flight": fmt.Sprint(p.FlightID)}})
	}
	s.Log.Info("crew released", "flight", p.FlightID, "count", len(released))
	return nil
}
