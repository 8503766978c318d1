// Package driverlocation ingests driver GPS pings over a websocket and answers
// "who is near this point" queries for dispatch and surge.
package driverlocation

import (
	"context"
	"database/sql"
	"sort"
	"sync"
	"time"

	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/geo"
)

// Ping is a single location update from the driver app.
type Ping struct {
	DriverID  int64     `json:"driver_id"`
	Point     geo.Point `json:"point"`
	Heading   float64   `json:"heading"`
	SpeedKmh  float64   `json:"speed_kmh"`
	Accuracy  float64   `json:"accuracy_m"`
	Timestamp time.Time `json:"ts"`
}

// Nearby is a driver position returned by a proximity search.
type Nearby struct {
	DriverID   int64
	Point      geo.Point
	DistanceKm float64
	SeenAt     time.Time
}

// staleAfter is how long a ping counts as "current".
const staleAfter = 45 * time.Second

// Store keeps the latest position of each driver in memory, flushing to
// driver_locations periodically so other processes can query it.
type Store struct {
	conn  *sql.DB
	mu    sync.RWMutex
	last  map[int64]Ping
	dirty map[int64]struct{}
}

// NewStore returns a store.
func NewStore(conn *sql.DB) *Store {
	return &Store{conn: conn, last: map[int64]Ping{}, dirty: map[int64]struct{}{}}
}

// Record stores a ping if it is newer than what we have.
func (s *Store) Record(p Ping) bool {
	if !p.Point.Valid() || p.Accuracy > 200 {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.last[p.DriverID]; ok && !p.Timestamp.After(prev.Timestamp) {
		return false
	}
	s.last[p.DriverID] = p
	s.dirty[p.DriverID] = struct{}{}
	return true
}

// Last returns the driver's last known position.
func (s *Store) Last(ctx context.Context, driverID int64) (Ping, bool, error) {
	s.mu.RLock()
	p, ok := s.last[driverID]
	s.mu.RUnlock()
	if ok {
		return p, true, nil
	}
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT driver_id, lat, lng, heading, seen_at FROM driver_locations WHERE driver_id = $1`, driverID).
		Scan(&p.DriverID, &p.Point.Lat, &p.Point.Lng, &p.Heading, &p.Timestamp)
	if db.IsNoRows(err) {
		return Ping{}, false, nil
	}
	return p, err == nil, err
}

// Near returns drivers with a fresh ping within km of p, closest first.
func (s *Store) Near(ctx context.Context, p geo.Point, km float64, limit int) ([]Nearby, error) {
	minLat, minLng, maxLat, maxLng := geo.BoundingBox(p, km)
	rows, err := db.Conn(ctx, s.conn).QueryContext(ctx,
		`SELECT driver_id, lat, lng, seen_at FROM driver_locations
		 WHERE lat BETWEEN $1 AND $3 AND lng BETWEEN $2 AND $4 AND seen_at > $5`,
		minLat, minLng, maxLat, maxLng, time.Now().Add(-staleAfter))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Nearby
	for rows.Next() {
		var n Nearby
		if err := rows.Scan(&n.DriverID, &n.Point.Lat, &n.Point.Lng, &n.SeenAt); err != nil {
			return nil, err
		}
		if n.DistanceKm = geo.HaversineKm(p, n.Point); n.DistanceKm <= km {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].DistanceKm < out[j].DistanceKm })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, rows.Err()
}

// Flush writes dirty positions to driver_locations.
func (s *Store) Flush(ctx context.Context) error {
	s.mu.Lock()
	batch := make([]Ping, 0, len(s.dirty))
	for id := range s.dirty {
		batch = append(batch, s.last[id])
	}
	s.dirty = map[int64]struct{}{}
	s.mu.Unlock()
	for _, p := range batch {
		_, err := s.conn.ExecContext(ctx,
			`INSERT INTO driver_locations (driver_id, lat, lng, heading, zone_id, seen_at)
			 VALUES ($1, $2, $3, $4, $5, $6)
			 ON CONFLICT (driver_id) DO UPDATE SET lat = EXCLUDED.lat, lng = EXCLUDED.lng,
			   heading = EXCLUDED.heading, zone_id = EXCLUDED.zone_id, seen_at = EXCLUDED.seen_at`,
			p.DriverID, p.Point.Lat, p.Point.Lng, p.Heading, geo.ZoneID(p.Point), p.Timestamp)
		if err != nil {
			return err
		}
	}
	return nil
}

// RunFlusher flushes every interval until ctx ends.
func (s *Store) RunFlusher(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			_ = s.Flush(context.Background())
			return
		case <-t.C:
			_ = s.Flush(ctx)
		}
	}
}
