// Package positions stores position history per vehicle and the mapping
// from telematics devices to vehicles.
package positions

import (
	"context"
	"database/sql"
	"time"

	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/geo"
)

// Store is the positions and devices tables. Positions are partitioned by
// month in prod; nothing here needs to know.
type Store struct {
	db *sql.DB
}

// NewStore returns a Store.
func NewStore(db *sql.DB) *Store { return &Store{db: db} }

// Append stores pings in one transaction.
func (s *Store) Append(ctx context.Context, pings ...entities.Ping) error {
	return dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, p := range pings {
			if _, err := tx.ExecContext(ctx, `INSERT INTO positions
				(vehicle_id, device_id, at, lat, lon, speed_kph, odometer_km, ignition)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
				p.VehicleID, p.DeviceID, p.At, p.Pos.Lat, p.Pos.Lon, p.SpeedKph, p.OdometerKm, p.Ignition); err != nil {
				return errs.Wrap("positions.Append", err)
			}
		}
		return nil
	})
}

const pingCols = `vehicle_id, device_id, at, lat, lon, speed_kph, odometer_km, ignition`

func scanPing(row interface{ Scan(...any) error }) (entities.Ping, error) {
	var p entities.Ping
	err := row.Scan(&p.VehicleID, &p.DeviceID, &p.At, &p.Pos.Lat, &p.Pos.Lon, &p.SpeedKph, &p.OdometerKm, &p.Ignition)
	return p, err
}

// Last returns the latest known position of a vehicle.
func (s *Store) Last(ctx context.Context, vehicleID string) (entities.Ping, error) {
	p, err := scanPing(s.db.QueryRowContext(ctx, `SELECT `+pingCols+` FROM positions
		WHERE vehicle_id = $1 ORDER BY at DESC LIMIT 1`, vehicleID))
	if err != nil {
		return p, dbx.NotFoundOr(err, "positions.Last", "position for vehicle", vehicleID)
	}
	return p, nil
}

// LastAll returns the latest position of every vehicle seen since.
func (s *Store) LastAll(ctx context.Context, since time.Time) ([]entities.Ping, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT ON (vehicle_id) `+pingCols+` FROM positions
		WHERE at >= $1 ORDER BY vehicle_id, at DESC`, since)
	if err != nil {
		return nil, errs.Wrap("positions.LastAll", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (entities.Ping, error) { return scanPing(r) })
}

// Track returns a vehicle's pings in [from, to).
func (s *Store) Track(ctx context.Context, vehicleID string, from, to time.Time) ([]entities.Ping, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+pingCols+` FROM positions
		WHERE vehicle_id = $1 AND at >= $2 AND at < $3 ORDER BY at`, vehicleID, from, to)
	if err != nil {
		return nil, errs.Wrap("positions.Track", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (entities.Ping, error) { return scanPing(r) })
}

// DistanceKm is the distance driven in [from, to): odometer delta when the
// device reports one, path length otherwise.
func (s *Store) DistanceKm(ctx context.Context, vehicleID string, from, to time.Time) (float64, error) {
	track, err := s.Track(ctx, vehicleID, from, to)
	if err != nil || len(track) < 2 {
		return 0, err
	}
	first, last := track[0], track[len(track)-1]
	if first.OdometerKm > 0 && last.OdometerKm >= first.OdometerKm {
		return last.OdometerKm - first.OdometerKm, nil
	}
	pts := make([]geo.Point, 0, len(track))
	for _, p := range track {
		pts = append(pts, p.Pos)
	}
	return geo.PathKm(pts), nil
}

// VehicleFor resolves a device to the vehicle it is installed in.
func (s *Store) VehicleFor(ctx context.Context, imei string) (string, error) {
	var vid string
	err := s.db.QueryRowContext(ctx, `SELECT vehicle_id FROM devices WHERE imei = $1 AND removed_at IS NULL`, imei).Scan(&vid)
	if err != nil {
		return "", dbx.NotFoundOr(err, "positions.VehicleFor", "device", imei)
	}
	return vid, nil
}

// Bind installs a device in a vehicle, removing any previous binding.
func (s *Store) Bind(ctx context.Context, imei, vehicleID string, at time.Time) error {
	return dbx.InTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE devices SET removed_at = $1
			WHERE (imei = $2 OR vehicle_id = $3) AND removed_at IS NULL`, at, imei, vehicleID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO devices (imei, vehicle_id, installed_at) VALUES ($1, $2, $3)`,
			imei, vehicleID, at)
		return err
	})
}

// Silent lists vehicles whose device has not reported since.
func (s *Store) Silent(ctx context.Context, since time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.vehicle_id FROM devices d WHERE d.removed_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.vehicle_id = d.vehicle_id AND p.at >= $1)`, since)
	if err != nil {
		return nil, errs.Wrap("positions.Silent", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (string, error) {
		var id string
		return id, r.Scan(&id)
	})
}
