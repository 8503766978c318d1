// Package transport assigns riders to stops and handles delay alerts.
package transport

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/k12district/sis/events"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/errs"
	"github.com/k12district/sis/models"
	transrepo "github.com/k12district/sis/repositories/transport"
	"github.com/k12district/sis/routing"
	"github.com/k12district/sis/services/messaging"
)

type Service struct {
	DB        *sql.DB
	Store     *transrepo.Store
	Messaging *messaging.Service
	Log       *slog.Logger
}

type Outcome struct {
	Eligible bool  `json:"eligible"`
	AMRoute  int64 `json:"am_route,omitempty"`
	PMRoute  int64 `json:"pm_route,omitempty"`
	Review   bool  `json:"needs_review"`
}

// AssignForAddress decides eligibility and picks the nearest stop with
// room for both AM and PM runs. If no stop is within walking distance the
// student is flagged for manual review by the coordinator.
func (s *Service) AssignForAddress(ctx context.Context, studentID, schoolID int64, grade int, home routing.Point) (*Outcome, error) {
	site, err := s.Store.SchoolLocation(ctx, schoolID)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Eligible: routing.Eligible(home, site, grade, false)}
	if !out.Eligible {
		return out, s.Store.Unassign(ctx, studentID)
	}
	err = db.WithTx(ctx, s.DB, func(tx *sql.Tx) error {
		for _, session := range []string{"am", "pm"} {
			stops, err := s.Store.CandidateStops(ctx, schoolID, session)
			if err != nil {
				return err
			}
			stop, ok := routing.NearestStop(home, stops)
			if !ok {
				out.Review = true
				continue
			}
			if err := s.Store.Assign(ctx, tx, models.RiderAssignment{
				StudentID: studentID, RouteID: stop.RouteID, StopID: stop.ID, Session: session,
			}); err != nil {
				return err
			}
			if session == "am" {
				out.AMRoute = stop.RouteID
			} else {
				out.PMRoute = stop.RouteID
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out.Review {
		s.Log.Info("rider needs manual stop assignment", "student", studentID)
	}
	return out, nil
}

func (s *Service) OnAddressChanged(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(events.AddressChange)
	if !ok {
		return nil
	}
	_, err := s.AssignForAddress(ctx, p.StudentID, p.SchoolID, p.GradeLevel, routing.Point{Lat: p.Lat, Lng: p.Lng})
	return err
}

func (s *Service) OnStudentWithdrawn(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(events.StudentChange)
	if !ok {
		return nil
	}
	return s.Store.Unassign(ctx, p.StudentID)
}

// ReportDelay logs a delay and alerts every rider's family.
func (s *Service) ReportDelay(ctx context.Context, routeID int64, minutes int, reason string, by int64) (int, error) {
	if minutes < 5 {
		return 0, errs.Invalid("delays under 5 minutes are not announced")
	}
	r, err := s.Store.Route(ctx, routeID)
	if err != nil {
		return 0, err
	}
	if err := s.Store.LogDelay(ctx, routeID, minutes, reason, by); err != nil {
		return 0, err
	}
	riders, err := s.Store.RiderIDs(ctx, routeID)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, id := range riders {
		n, err := s.Messaging.NotifyGuardians(ctx, id, messaging.CatTransport, "bus_delay", map[string]any{
			"Route": r.Code, "Bus": r.BusNumber, "Minutes": minutes, "Reason": reason,
		})
		if err != nil {
			s.Log.Warn("delay notice failed", "student", id, "err", err)
			continue
		}
		sent += n
	}
	return sent, nil
}

// RouteFor is the public lookup used by the student profile.
func (s *Service) RouteFor(ctx context.Context, studentID int64) (string, error) {
	am, err := s.Store.StudentRoute(ctx, studentID, "am")
	if err != nil {
		return "", err
	}
	pm, err := s.Store.StudentRoute(ctx, studentID, "pm")
	if err != nil {
		return "", err
	}
	switch {
	case am == pm:
		return am, nil
	case am == "" || pm == "":
		return am + pm, nil
	}
	return fmt.Sprintf("%s (AM) / %s (PM)", am, pm), nil
}

type Plan struct {
	Stops []models.BusStop `json:"stops"`
	Miles float64          `json:"miles"`
}

// Resequence proposes a stop order for a route starting at the school.
func (s *Service) Resequence(ctx context.Context, routeID, schoolID int64) (*Plan, error) {
	r, err := s.Store.Route(ctx, routeID)
	if err != nil {
		return nil, err
	}
	site, err := s.Store.SchoolLocation(ctx, schoolID)
	if err != nil {
		return nil, err
	}
	byID := map[int64]models.BusStop{}
	var pts []routing.Stop
	for _, st := range r.Stops {
		byID[st.ID] = st
		pts = append(pts, routing.Stop{ID: st.ID, Point: routing.Point{Lat: st.Lat, Lng: st.Lng}})
	}
	ordered := routing.Order(site, pts)
	plan := &Plan{Miles: routing.Length(site, ordered)}
	for i, p := range ordered {
		st := byID[p.ID]
		st.Sequence = i + 1
		plan.Stops = append(plan.Stops, st)
	}
	return plan, nil
}
