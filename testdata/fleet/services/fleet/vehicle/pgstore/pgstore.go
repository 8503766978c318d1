// Package pgstore is the Postgres implementation of vehicle.Repository.
package pgstore

import (
	"context"
	"database/sql"
	"time"

	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
)

const cols = `id, vin, plate, make, year, class, status, odometer_km, tank_litres, depot_id, created_at`

// Store reads and writes the vehicles table.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(db *sql.DB) *Store { return &Store{db: db} }

var _ vehicle.Repository = (*Store)(nil)

func scan(row interface{ Scan(...any) error }) (vehicle.Vehicle, error) {
	var (
		v     vehicle.Vehicle
		depot sql.NullString
	)
	err := row.Scan(&v.ID, &v.VIN, &v.Plate, &v.Make, &v.Year, &v.Class, &v.Status, &v.OdometerKm, &v.TankLitres,
		&depot, &v.CreatedAt)
	v.DepotID = depot.String
	return v, err
}

func (s *Store) Get(ctx context.Context, id string) (vehicle.Vehicle, error) {
	v, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM vehicles WHERE id = $1`, id))
	if err != nil {
		return v, dbx.NotFoundOr(err, "pgstore.Get", "vehicle", id)
	}
	return v, nil
}

func (s *Store) GetByPlate(ctx context.Context, plate string) (vehicle.Vehicle, error) {
	v, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM vehicles WHERE plate = $1`, plate))
	if err != nil {
		return v, dbx.NotFoundOr(err, "pgstore.GetByPlate", "vehicle", plate)
	}
	return v, nil
}

func (s *Store) List(ctx context.Context, f vehicle.Filter) ([]vehicle.Vehicle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM vehicles
		WHERE ($1 = '' OR status = $1) AND ($2 = '' OR class = $2)
		ORDER BY plate LIMIT $3 OFFSET $4`, f.Status, f.Class, f.Page.Limit, f.Page.Offset)
	if err != nil {
		return nil, errs.Wrap("pgstore.List", err)
	}
	return dbx.ScanAll(rows, func(r *sql.Rows) (vehicle.Vehicle, error) { return scan(r) })
}

func (s *Store) Insert(ctx context.Context, v vehicle.Vehicle) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO vehicles (`+cols+`, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
		v.ID, v.VIN, v.Plate, v.Make, v.Year, v.Class, v.Status, v.OdometerKm, v.TankLitres,
		dbx.NullString(v.DepotID), v.CreatedAt)
	return errs.Wrap("pgstore.Insert", err)
}

// UpdateStatus uses the current status as an optimistic lock.
func (s *Store) UpdateStatus(ctx context.Context, id string, from, to vehicle.Status, at time.Time) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE vehicles SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4`, to, at, id, from)
	if err != nil {
		return errs.Wrap("pgstore.UpdateStatus", err)
	}
	if dbx.MustAffect(res, "pgstore.UpdateStatus", "vehicle", id) != nil {
		return errs.Conflict("pgstore.UpdateStatus", "vehicle %s changed concurrently", id)
	}
	return nil
}

func (s *Store) UpdateOdometer(ctx context.Context, id string, km float64, at time.Time) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE vehicles SET odometer_km = $1, updated_at = $2 WHERE id = $3 AND odometer_km <= $1`, km, at, id)
	if err != nil {
		return errs.Wrap("pgstore.UpdateOdometer", err)
	}
	return dbx.MustAffect(res, "pgstore.UpdateOdometer", "vehicle", id)
}
