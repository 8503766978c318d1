// Package surge computes and stores per-zone surge multipliers.
package surge

import (
	"context"
	"database/sql"
	"math"
	"sync"
	"time"

	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/geo"
)

// Zone is the surge state of one geohash cell.
type Zone struct {
	ZoneID     string    `json:"zone_id"`
	Multiplier float64   `json:"multiplier"`
	Demand     int       `json:"demand"`
	Supply     int       `json:"supply"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Policy bounds the multiplier curve.
type Policy struct {
	Max       float64
	Step      float64 // multipliers are rounded to this step
	Threshold float64 // demand/supply ratio below which there is no surge
	Smoothing float64 // weight of the previous value (0..1)
}

// DefaultPolicy is what ops signed off on for launch cities.
var DefaultPolicy = Policy{Max: 3.0, Step: 0.1, Threshold: 1.2, Smoothing: 0.6}

// Compute returns the new multiplier for a zone given open requests and idle drivers.
func (p Policy) Compute(prev float64, demand, supply int) float64 {
	if prev < 1 {
		prev = 1
	}
	ratio := float64(demand) / math.Max(float64(supply), 1)
	target := 1.0
	if ratio > p.Threshold {
		target = 1 + (ratio-p.Threshold)*0.5
	}
	m := p.Smoothing*prev + (1-p.Smoothing)*target
	m = math.Min(math.Max(m, 1), p.Max)
	return math.Round(m/p.Step) * p.Step
}

// Store reads and writes the surge_zones table with a short in-process cache.
type Store struct {
	conn  *sql.DB
	mu    sync.RWMutex
	cache map[string]Zone
	ttl   time.Duration
}

// NewStore returns a store.
func NewStore(conn *sql.DB) *Store {
	return &Store{conn: conn, cache: map[string]Zone{}, ttl: 30 * time.Second}
}

// MultiplierAt returns the multiplier for the zone containing p.
func (s *Store) MultiplierAt(ctx context.Context, p geo.Point) (float64, error) {
	z, err := s.Get(ctx, geo.ZoneID(p))
	if err != nil {
		return 1, err
	}
	return z.Multiplier, nil
}

// Get returns a zone; unknown zones have multiplier 1.
func (s *Store) Get(ctx context.Context, zoneID string) (Zone, error) {
	s.mu.RLock()
	z, ok := s.cache[zoneID]
	s.mu.RUnlock()
	if ok && time.Since(z.UpdatedAt) < s.ttl {
		return z, nil
	}
	z = Zone{ZoneID: zoneID, Multiplier: 1}
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT multiplier, demand, supply, updated_at FROM surge_zones WHERE zone_id = $1`, zoneID).
		Scan(&z.Multiplier, &z.Demand, &z.Supply, &z.UpdatedAt)
	if err != nil && !db.IsNoRows(err) {
		return Zone{ZoneID: zoneID, Multiplier: 1}, err
	}
	if z.UpdatedAt.IsZero() || time.Since(z.UpdatedAt) > 10*time.Minute {
		z.Multiplier = 1 // stale surge is never applied
	}
	s.mu.Lock()
	s.cache[zoneID] = z
	s.mu.Unlock()
	return z, nil
}

// Save upserts a batch of zones.
func (s *Store) Save(ctx context.Context, zones []Zone) error {
	return db.WithTx(ctx, s.conn, func(ctx context.Context, tx *sql.Tx) error {
		for _, z := range zones {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO surge_zones (zone_id, multiplier, demand, supply, updated_at)
				 VALUES ($1, $2, $3, $4, now())
				 ON CONFLICT (zone_id) DO UPDATE SET multiplier = EXCLUDED.multiplier,
				   demand = EXCLUDED.demand, supply = EXCLUDED.supply, updated_at = now()`,
				z.ZoneID, z.Multiplier, z.Demand, z.Supply); err != nil {
				return err
			}
		}
		return nil
	})
}
