// Package geofence detects vehicles entering and leaving zones: depots,
// customer yards, and restricted areas (city low-emission zones, etc).
package geofence

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/geo"
)

// Kind of zone.
type Kind string

const (
	Depot      Kind = "depot"
	Site       Kind = "customer_site"
	Restricted Kind = "restricted"
)

// Fence is a named polygon.
type Fence struct {
	ID      string      `json:"id"`
	Name    string      `json:"name"`
	Kind    Kind        `json:"kind"`
	Polygon geo.Polygon `json:"polygon"`
}

// Event is an enter or exit.
type Event struct {
	Fence     Fence     `json:"fence"`
	VehicleID string    `json:"vehicle_id"`
	Enter     bool      `json:"enter"`
	At        time.Time `json:"at"`
}

// Engine holds fences in memory and tracks which vehicle is in which.
type Engine struct {
	db     *sql.DB
	mu     sync.Mutex
	fences []Fence
	inside map[string]map[string]bool // vehicle -> fence -> inside
}

// NewEngine returns an empty engine; call Reload before use.
func NewEngine(db *sql.DB) *Engine {
	return &Engine{db: db, inside: map[string]map[string]bool{}}
}

// Reload reads all active fences from the database.
func (e *Engine) Reload(ctx context.Context) error {
	rows, err := e.db.QueryContext(ctx, `SELECT id, name, kind, polygon FROM geofences WHERE active`)
	if err != nil {
		return errs.Wrap("geofence.Reload", err)
	}
	fences, err := dbx.ScanAll(rows, func(r *sql.Rows) (Fence, error) {
		var (
			f    Fence
			poly []byte
		)
		if err := r.Scan(&f.ID, &f.Name, &f.Kind, &poly); err != nil {
			return f, err
		}
		return f, json.Unmarshal(poly, &f.Polygon)
	})
	if err != nil {
		return errs.Wrap("geofence.Reload", err)
	}
	e.mu.Lock()
	e.fences = fences
	e.mu.Unlock()
	return nil
}

// Observe feeds a ping and returns the transitions it caused.
func (e *Engine) Observe(p entities.Ping) []Event {
	if !p.Pos.Valid() {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	state := e.inside[p.VehicleID]
	if state == nil {
		state = map[string]bool{}
		e.inside[p.VehicleID] = state
	}
	var out []Event
	for _, f := range e.fences {
		if in := f.Polygon.Contains(p.Pos); in != state[f.ID] {
			state[f.ID] = in
			out = append(out, Event{Fence: f, VehicleID: p.VehicleID, Enter: in, At: p.At})
		}
	}
	return out
}

// Record stores events.
func (e *Engine) Record(ctx context.Context, evs []Event) error {
	for _, ev := range evs {
		if _, err := e.db.ExecContext(ctx, `INSERT INTO geofence_events (fence_id, vehicle_id, enter, at)
			VALUES ($1, $2, $3, $4)`, ev.Fence.ID, ev.VehicleID, ev.Enter, ev.At); err != nil {
			return errs.Wrap("geofence.Record", err)
		}
	}
	return nil
}
