// Package api is dispatch's HTTP interface (trips, assignments, the
// dispatcher board).
package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/services/crew/roster"
	"gitlab.com/roadrunner/fleet/services/dispatch/domain"
	"gitlab.com/roadrunner/fleet/services/dispatch/planner"
	"gitlab.com/roadrunner/fleet/services/dispatch/store"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
)

// NewServer builds the dispatch API. Mount it at "/v1/trips/" and "/v1/board".
func NewServer(p *planner.Planner, trips *store.TripStore, vehicles *vehicle.Service, drivers *roster.Service) http.Handler {
	s := &server{planner: p, trips: trips, vehicles: vehicles, drivers: drivers}
	mux := http.NewServeMux()
	mux.Handle("POST /v1/trips", httpx.Handle(s.create))
	mux.Handle("GET /v1/trips/{id}", httpx.Handle(s.get))
	mux.Handle("GET /v1/trips/{id}/eta", httpx.Handle(s.eta))
	mux.Handle("POST /v1/trips/{id}/{action}", httpx.Handle(s.action))
	mux.HandleFunc("GET /v1/board", s.board)
	return mux
}

type server struct {
	planner  *planner.Planner
	trips    *store.TripStore
	vehicles *vehicle.Service
	drivers  *roster.Service
}

func (s *server) create(w http.ResponseWriter, r *http.Request) error {
	var in planner.NewTrip
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	t, err := s.planner.CreateTrip(r.Context(), in)
	if err != nil {
		return err
	}
	httpx.Created(w, t)
	return nil
}

func (s *server) get(w http.ResponseWriter, r *http.Request) error {
	t, err := s.trips.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.OK(w, t)
	return nil
}

func (s *server) eta(w http.ResponseWriter, r *http.Request) error {
	stops, err := s.planner.ETA(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.OK(w, stops)
	return nil
}

func (s *server) action(w http.ResponseWriter, r *http.Request) error {
	ctx, id, q := r.Context(), r.PathValue("id"), r.URL.Query()
	var (
		t   domain.Trip
		err error
	)
	switch r.PathValue("action") {
	case "assign":
		if q.Get("auto") == "true" {
			t, err = s.planner.AutoAssign(ctx, id)
		} else {
			t, err = s.planner.Assign(ctx, id, q.Get("vehicle"), q.Get("driver"))
		}
	case "start":
		t, err = s.planner.Start(ctx, id)
	case "complete":
		km, _ := strconv.ParseFloat(q.Get("km"), 64)
		t, err = s.planner.Complete(ctx, id, km)
	case "cancel":
		t, err = s.planner.Cancel(ctx, id)
	default:
		http.NotFound(w, r)
		return nil
	}
	if err != nil {
		return err
	}
	httpx.OK(w, t)
	return nil
}

type boardRow struct {
	TripID string        `json:"trip_id"`
	Ref    string        `json:"ref"`
	Status domain.Status `json:"status"`
	Start  time.Time     `json:"start"`
	Plate  string        `json:"plate,omitempty"`
	Driver string        `json:"driver,omitempty"`
}

// board is today's trips with plates and driver names, for the wall
// screen in the dispatch office. Written before httpx existed.
func (s *server) board(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	day := clock.StartOfDay(time.Now(), clock.Local)
	ts, err := s.trips.Between(ctx, day, day.AddDate(0, 0, 1))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	rows := make([]boardRow, 0, len(ts))
	for _, t := range ts {
		row := boardRow{TripID: t.ID, Ref: t.Reference, Status: t.Status, Start: t.PlannedStart}
		if v, err := s.vehicles.Get(ctx, t.VehicleID); err == nil {
			row.Plate = v.Plate
		}
		if d, err := s.drivers.Get(ctx, t.DriverID); err == nil {
			row.Driver = d.Name()
		}
		rows = append(rows, row)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(rows)
}
