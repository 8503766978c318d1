// Package store persists trips and their stops.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/services/dispatch/domain"
)

// TripStore is the trips + trip_stops tables.
type TripStore struct {
	db *sql.DB
}

// NewTripStore returns a store.
func NewTripStore(db *sql.DB) *TripStore { return &TripStore{db: db} }

const tripCols = `id, customer_id, reference, class, vehicle_id, driver_id, status, planned_start,
	planned_km, planned_hours, actual_km, started_at, completed_at`

func scanTrip(row interface{ Scan(...any) error }) (domain.Trip, error) {
	var (
		t             domain.Trip
		veh, drv, ref sql.NullString
		started, done sql.NullTime
	)
	err := row.Scan(&t.ID, &t.CustomerID, &ref, &t.Class, &veh, &drv, &t.Status, &t.PlannedStart,
		&t.PlannedKm, &t.PlannedHours, &t.ActualKm, &started, &done)
	t.Reference, t.VehicleID, t.DriverID = ref.String, veh.String, drv.String
	if started.Valid {
		t.StartedAt = &started.Time
	}
	if done.Valid {
		t.CompletedAt = &done.Time
	}
	return t, err
}

// Create inserts a trip with its stops.
func (s *TripStore) Create(ctx context.Context, t domain.Trip) error {
	return dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO trips (`+tripCols+`)
			VALUES ($1, $2, $3, $4, NULL, NULL, $5, $6, $7, $8, 0, NULL, NULL)`,
			t.ID, t.CustomerID, dbx.NullString(t.Reference), t.Class, t.Status, t.PlannedStart, t.PlannedKm, t.PlannedHours)
		if err != nil {
			return errs.Wrap("store.Create", err)
		}
		for _, st := range t.Stops {
			addr, _ := json.Marshal(st.Address)
			if _, err := tx.ExecContext(ctx, `INSERT INTO trip_stops
				(trip_id, seq, kind, address, window_from, window_to, pallets, eta) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				t.ID, st.Seq, st.Kind, addr, st.Window.From, st.Window.To, st.Pallets, dbx.NullTime(st.ETA)); err != nil {
				return errs.Wrap("store.Create", err)
			}
		}
		return nil
	})
}

// Get loads a trip and its stops.
func (s *TripStore) Get(ctx context.Context, id string) (domain.Trip, error) {
	t, err := scanTrip(s.db.QueryRowContext(ctx, `SELECT `+tripCols+` FROM trips WHERE id = $1`, id))
	if err != nil {
		return t, dbx.NotFoundOr(err, "store.Get", "trip", id)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT seq, kind, address, window_from, window_to, pallets, eta, arrived_at
		FROM trip_stops WHERE trip_id = $1 ORDER BY seq`, id)
	if err != nil {
		return t, errs.Wrap("store.Get", err)
	}
	t.Stops, err = dbx.ScanAll(rows, func(r *sql.Rows) (domain.Stop, error) {
		var (
			st      domain.Stop
			addr    []byte
			eta     sql.NullTime
			arrived sql.NullTime
		)
		if err := r.Scan(&st.Seq, &st.Kind, &addr, &st.Window.From, &st.Window.To, &st.Pallets, &eta, &arrived); err != nil {
			return st, err
		}
		st.ETA = eta.Time
		if arrived.Valid {
			st.ArrivedAt = &arrived.Time
		}
		return st, json.Unmarshal(addr, &st.Address)
	})
	return t, err
}

// Between returns trips (without stops) planned to start in [from, to).
func (s *TripStore) Between(ctx context.Context, from, to time.Time) ([]domain.Trip, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tripCols+` FROM trips
		WHERE planned_start >= $1 AND planned_start < $2 ORDER BY planned_start`, from, to)
	if err != nil {
		return nil, errs.Wrap("store.Between", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (domain.Trip, error) { return scanTrip(r) })
}

// Save writes the mutable parts of a trip, guarded by the previous status.
func (s *TripStore) Save(ctx context.Context, t domain.Trip, prev domain.Status) error {
	res, err := s.db.ExecContext(ctx, `UPDATE trips SET status = $1, vehicle_id = $2, driver_id = $3,
		actual_km = $4, started_at = $5, completed_at = $6 WHERE id = $7 AND status = $8`,
		t.Status, dbx.NullString(t.VehicleID), dbx.NullString(t.DriverID), t.ActualKm, t.StartedAt,
		t.CompletedAt, t.ID, prev)
	if err != nil {
		return errs.Wrap("store.Save", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("store.Save", "trip %s was modified concurrently", t.ID)
	}
	return nil
}

// BusyDrivers returns driver IDs on an assigned or en-route trip.
func (s *TripStore) BusyDrivers(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT driver_id FROM trips
		WHERE status IN ('assigned', 'en_route') AND driver_id IS NOT NULL`)
	if err != nil {
		return nil, errs.Wrap("store.BusyDrivers", err)
	}
	out := map[string]bool{}
	_, err = dbx.ScanAll(rows, func(r *sql.Rows) (string, error) {
		var id string
		err := r.Scan(&id)
		out[id] = true
		return id, err
	})
	return out, err
}
