package ingest

import (
	"bufio"
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
	"gitlab.com/roadrunner/fleet/services/telematics/alerts"
	"gitlab.com/roadrunner/fleet/services/telematics/geofence"
	"gitlab.com/roadrunner/fleet/services/telematics/positions"
)

// Pipeline processes frames. The zero value is not usable; set every field.
type Pipeline struct {
	DB        *sql.DB
	Positions *positions.Store
	Fences    *geofence.Engine
	Alerts    *alerts.Store
	Vehicles  *vehicle.Service
	Log       *slog.Logger

	mu      sync.Mutex
	devices map[string]vehicle.Vehicle // imei -> vehicle
	last    map[string]entities.Ping   // vehicle -> last accepted ping
	idle    map[string]time.Time       // vehicle -> idling since
}

func (p *Pipeline) resolve(ctx context.Context, imei string) (vehicle.Vehicle, error) {
	p.mu.Lock()
	v, ok := p.devices[imei]
	p.mu.Unlock()
	if ok {
		return v, nil
	}
	vid, err := p.Positions.VehicleFor(ctx, imei)
	if err != nil {
		return v, err
	}
	if v, err = p.Vehicles.Get(ctx, vid); err != nil {
		return v, err
	}
	p.mu.Lock()
	p.devices[imei] = v
	p.mu.Unlock()
	return v, nil
}

// Process handles a batch of pings from one upload and returns how many
// were accepted.
func (p *Pipeline) Process(ctx context.Context, batch []entities.Ping) (int, error) {
	p.mu.Lock()
	if p.devices == nil {
		p.devices, p.last, p.idle = map[string]vehicle.Vehicle{}, map[string]entities.Ping{}, map[string]time.Time{}
	}
	p.mu.Unlock()
	var (
		pings  []entities.Ping
		raised []alerts.Alert
		events []geofence.Event
	)
	for _, ping := range batch {
		v, err := p.resolve(ctx, ping.DeviceID)
		if errs.Is(err, errs.KindNotFound) {
			continue // unknown device: not installed yet, or a neighbour's box
		} else if err != nil {
			return 0, err
		}
		ping.VehicleID = v.ID
		p.mu.Lock()
		if !ping.At.After(p.last[v.ID].At) {
			p.mu.Unlock()
			continue // duplicate or out of order
		}
		p.last[v.ID] = ping
		if !ping.Ignition || ping.SpeedKph >= 1 {
			delete(p.idle, v.ID)
		} else if _, ok := p.idle[v.ID]; !ok {
			p.idle[v.ID] = ping.At
		}
		raised = append(raised, alerts.Evaluate(ping, v.Class, p.idle[v.ID])...)
		p.mu.Unlock()
		for _, ev := range p.Fences.Observe(ping) {
			events = append(events, ev)
			if a, ok := alerts.FromFence(ev); ok {
				raised = append(raised, a)
			}
		}
		pings = append(pings, ping)
	}
	if err := p.Positions.Append(ctx, pings...); err != nil {
		return 0, err
	}
	if err := p.Fences.Record(ctx, events); err != nil {
		p.Log.Warn("geofence events not stored", "err", err)
	}
	if err := p.Alerts.Raise(ctx, raised...); err != nil {
		p.Log.Warn("alerts not stored", "err", err)
	}
	p.flushOdometers(ctx, pings)
	return len(pings), nil
}

// flushOdometers copies the latest device odometer onto the vehicle register.
//
// HACK: this writes the vehicles table directly. Going through
// vehicle.Service.RecordOdometer did a SELECT + UPDATE per ping and melted
// the DB on Monday mornings (INC-412). Keep the WHERE clause in sync with
// pgstore.UpdateOdometer.
func (p *Pipeline) flushOdometers(ctx context.Context, pings []entities.Ping) {
	latest := map[string]float64{}
	for _, pg := range pings {
		latest[pg.VehicleID] = max(latest[pg.VehicleID], pg.OdometerKm)
	}
	for vid, km := range latest {
		if km == 0 {
			continue
		}
		if _, err := p.DB.ExecContext(ctx, `UPDATE vehicles SET odometer_km = $1, updated_at = now()
			WHERE id = $2 AND odometer_km <= $1`, km, vid); err != nil {
			p.Log.Warn("odometer update failed", "vehicle", vid, "err", err)
		}
	}
}

// Handler accepts newline-separated frames as text/plain.
func (p *Pipeline) Handler() http.Handler {
	return httpx.Handle(func(w http.ResponseWriter, r *http.Request) error {
		var batch []entities.Ping
		bad := 0
		sc := bufio.NewScanner(r.Body)
		for sc.Scan() {
			if ping, err := Decode(sc.Text()); err == nil {
				batch = append(batch, ping)
			} else {
				bad++
			}
		}
		if err := sc.Err(); err != nil {
			return errs.Invalid("ingest", "read body: %v", err)
		}
		n, err := p.Process(r.Context(), batch)
		if err != nil {
			return err
		}
		httpx.OK(w, map[string]int{"accepted": n, "rejected": bad})
		return nil
	})
}
