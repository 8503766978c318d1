// Package driver persists drivers, shifts, proofs of delivery and failed attempts.
package driver

import (
	"context"
	"database/sql"
	"errors"
	"time"

	ddrv "parcelgo.com/platform/domain/driver"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/ids"
)

type Store struct{ db *sql.DB }

func NewStore(d *sql.DB) *Store { return &Store{db: d} }

const cols = `id, name, phone, email, depot_id, vehicle_type, status, pay_scheme, rate_per_stop, hourly_rate, currency, iban, started_on`

func scan(row interface{ Scan(...any) error }) (ddrv.Driver, error) {
	var d ddrv.Driver
	var cur string
	err := row.Scan(&d.ID, &d.Name, &d.Phone, &d.Email, &d.DepotID, &d.VehicleType, &d.Status, &d.Scheme,
		&d.RatePerStop.Amount, &d.HourlyRate.Amount, &cur, &d.IBAN, &d.StartedOn)
	d.RatePerStop.Currency, d.HourlyRate.Currency = cur, cur
	return d, err
}

func (s *Store) Get(ctx context.Context, id string) (ddrv.Driver, error) {
	d, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM drivers WHERE id = $1`, id))
	return d, db.NotFound(err, "driver")
}

func (s *Store) Active(ctx context.Context) ([]ddrv.Driver, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM drivers WHERE status = 'active' ORDER BY depot_id, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ddrv.Driver
	for rows.Next() {
		d, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func (s *Store) OpenShift(ctx context.Context, driverID string) (*ddrv.Shift, error) {
	sh := &ddrv.Shift{}
	err := s.db.QueryRowContext(ctx,
		`SELECT id, driver_id, started_at, start_odometer FROM driver_shifts
		  WHERE driver_id = $1 AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1`, driverID).
		Scan(&sh.ID, &sh.DriverID, &sh.StartedAt, &sh.StartOdometer)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return sh, err
}

func (s *Store) SaveShift(ctx context.Context, sh *ddrv.Shift) error {
	if sh.ID == "" {
		sh.ID = ids.New("sft")
	}
	var ended sql.NullTime
	if sh.EndedAt != nil {
		ended = db.NullTime(*sh.EndedAt)
	}
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO driver_shifts (id, driver_id, started_at, ended_at, start_odometer, end_odometer)
		 VALUES ($1,$2,$3,$4,$5,$6)
		 ON CONFLICT (id) DO UPDATE SET ended_at = EXCLUDED.ended_at, end_odometer = EXCLUDED.end_odometer`,
		sh.ID, sh.DriverID, sh.StartedAt, ended, sh.StartOdometer, sh.EndOdometer)
	return err
}

func (s *Store) SavePOD(ctx context.Context, p ddrv.ProofOfDelivery) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO proof_of_delivery (id, shipment_id, stop_id, driver_id, kind, recipient_name, photo_ref,
		        signature_svg, lat, lng, note, captured_at)
		 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
		p.ID, p.ShipmentID, p.StopID, p.DriverID, p.Kind, db.NullString(p.RecipientName), db.NullString(p.PhotoRef),
		db.NullString(p.SignatureSVG), p.Location.Lat, p.Location.Lng, db.NullString(p.Note), p.CapturedAt)
	return err
}

// RecordFailure stores the attempt and returns how many attempts the shipment has had.
func (s *Store) RecordFailure(ctx context.Context, driverID, shipmentID, stopID string, r ddrv.FailureReason, note string, at time.Time) (int, error) {
	var n int
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO delivery_failures (id, driver_id, shipment_id, stop_id, reason, note, occurred_at)
			 VALUES ($1,$2,$3,$4,$5,$6,$7)`,
			ids.New("dfl"), driverID, shipmentID, stopID, r, note, at); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx,
			`SELECT count(*) FROM delivery_failures WHERE shipment_id = $1`, shipmentID).Scan(&n)
	})
	return n, err
}
