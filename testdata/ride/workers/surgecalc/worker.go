// Package surgecalc recomputes per-zone surge multipliers from live demand
// (open trip requests) and supply (idle drivers).
package surgecalc

import (
	"context"
	"database/sql"
	"time"

	"github.com/zipcab/backend/modules/pricing/surge"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/log"
)

// Worker runs the surge loop.
type Worker struct {
	conn   *sql.DB
	store  *surge.Store
	policy surge.Policy
}

// New returns the worker.
func New(conn *sql.DB, store *surge.Store, policy surge.Policy) *Worker {
	return &Worker{conn: conn, store: store, policy: policy}
}

// Run recomputes every interval until ctx is done.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			start := time.Now()
			n, err := w.recompute(ctx)
			if err != nil {
				log.From(ctx).Error("surge recompute", "err", err)
				continue
			}
			log.From(ctx).Info("surge recomputed", "zones", n, "dur_ms", time.Since(start).Milliseconds())
		}
	}
}

func (w *Worker) recompute(ctx context.Context) (int, error) {
	demand, err := w.demand(ctx)
	if err != nil {
		return 0, err
	}
	supply, err := w.supply(ctx)
	if err != nil {
		return 0, err
	}
	zones := map[string]bool{}
	for z := range demand {
		zones[z] = true
	}
	for z := range supply {
		zones[z] = true
	}
	var out []surge.Zone
	for z := range zones {
		prev, err := w.store.Get(ctx, z)
		if err != nil {
			return 0, err
		}
		m := w.policy.Compute(prev.Multiplier, demand[z], supply[z])
		if m == 1 && prev.Multiplier == 1 {
			continue
		}
		out = append(out, surge.Zone{ZoneID: z, Multiplier: m, Demand: demand[z], Supply: supply[z]})
	}
	return len(out), w.store.Save(ctx, out)
}

// demand counts trip requests from the last five minutes per zone, reading
// the trips table directly (the trip service has no aggregate endpoint).
func (w *Worker) demand(ctx context.Context) (map[string]int, error) {
	rows, err := w.conn.QueryContext(ctx,
		`SELECT pickup_lat, pickup_lng FROM trips
		 WHERE requested_at > now() - interval '5 minutes' AND ride_type <> 'courier'
		   AND status IN ('requested', 'expired')`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var p geo.Point
		if err := rows.Scan(&p.Lat, &p.Lng); err != nil {
			return nil, err
		}
		out[geo.ZoneID(p)]++
	}
	return out, rows.Err()
}

// supply counts available drivers per zone from driver_locations joined to drivers.
func (w *Worker) supply(ctx context.Context) (map[string]int, error) {
	rows, err := w.conn.QueryContext(ctx,
		`SELECT l.zone_id, COUNT(*) FROM driver_locations l JOIN drivers d ON d.id = l.driver_id
		 WHERE d.status = 'available' AND l.seen_at > now() - interval '1 minute' GROUP BY l.zone_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var z string
		var n int
		if err := rows.Scan(&z, &n); err != nil {
			return nil, err
		}
		out[z] = n
	}
	return out, rows.Err()
}
