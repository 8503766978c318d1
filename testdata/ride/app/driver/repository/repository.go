// Package repository persists drivers, vehicles and their documents.
package repository

import (
	"context"
	"database/sql"
	"time"

	"github.com/zipcab/backend/app/common/entity"
	"github.com/zipcab/backend/app/driver/model"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
)

// DriverRepository reads and writes the drivers, vehicles and driver_documents tables.
type DriverRepository struct {
	conn *sql.DB
}

// New returns a repository.
func New(conn *sql.DB) *DriverRepository { return &DriverRepository{conn: conn} }

const driverCols = `d.id, d.user_id, d.phone, d.email, d.first_name, d.last_name, d.status, d.city,
	d.ride_types, d.rating_avg, d.rating_count, COALESCE(d.payout_account, ''), d.license_number,
	d.license_state, COALESCE(d.vehicle_id, 0), COALESCE(d.approved_at, 'epoch'), d.created_at,
	COALESCE(v.make, ''), COALESCE(v.model, ''), COALESCE(v.color, ''), COALESCE(v.plate, ''),
	COALESCE(v.year, 0), COALESCE(v.seats, 0)`

func scanDriver(row interface{ Scan(...any) error }) (model.DriverRecord, error) {
	var d model.DriverRecord
	var v entity.Vehicle
	err := row.Scan(&d.ID, &d.UserID, &d.Phone, &d.Email, &d.FirstName, &d.LastName, &d.Status, &d.City,
		&d.RideTypes, &d.RatingAvg, &d.RatingCount, &d.PayoutAccount, &d.LicenseNumber,
		&d.LicenseState, &d.VehicleID, &d.ApprovedAt, &d.CreatedAt,
		&v.Make, &v.Model, &v.Color, &v.Plate, &v.Year, &v.Seats)
	if err != nil {
		return d, err
	}
	if d.VehicleID != 0 {
		v.ID = d.VehicleID
		d.Vehicle = &v
	}
	return d, nil
}

// Get returns a driver by id.
func (r *DriverRepository) Get(ctx context.Context, id int64) (model.DriverRecord, error) {
	row := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT `+driverCols+` FROM drivers d LEFT JOIN vehicles v ON v.id = d.vehicle_id WHERE d.id = $1`, id)
	d, err := scanDriver(row)
	if db.IsNoRows(err) {
		return d, errs.NotFound("driver.get", "driver")
	}
	return d, errs.Wrap("driver.get", err)
}

// GetByUser returns the driver for an auth user id.
func (r *DriverRepository) GetByUser(ctx context.Context, userID int64) (model.DriverRecord, error) {
	row := db.Conn(ctx, r.conn).QueryRowContext(ctx,
		`SELECT `+driverCols+` FROM drivers d LEFT JOIN vehicles v ON v.id = d.vehicle_id WHERE d.user_id = $1`, userID)
	d, err := scanDriver(row)
	if db.IsNoRows(err) {
		return d, errs.NotFound("driver.get_by_user", "driver")
	}
	return d, errs.Wrap("driver.get_by_user", err)
}

// GetMany returns drivers by id, in no particular order.
func (r *DriverRepository) GetMany(ctx context.Context, ids []int64) ([]model.DriverRecord, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := db.Conn(ctx, r.conn).QueryContext(ctx,
		`SELECT `+driverCols+` FROM drivers d LEFT JOIN vehicles v ON v.id = d.vehicle_id WHERE d.id = ANY($1)`, int64Array(ids))
	if err != nil {
		return nil, errs.Wrap("driver.get_many", err)
	}
	defer rows.Close()
	var out []model.DriverRecord
	for rows.Next() {
		d, err := scanDriver(rows)
		if err != nil {
			return nil, errs.Wrap("driver.get_many", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Create inserts a newly approved driver with their vehicle.
func (r *DriverRepository) Create(ctx context.Context, d model.DriverRecord, v entity.Vehicle) (int64, error) {
	var id int64
	err := db.WithTx(ctx, r.conn, func(ctx context.Context, tx *sql.Tx) error {
		var vid int64
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO vehicles (make, model, color, plate, year, seats) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
			v.Make, v.Model, v.Color, v.Plate, v.Year, v.Seats).Scan(&vid); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx,
			`INSERT INTO drivers (user_id, phone, email, first_name, last_name, status, city, ride_types,
			   license_number, license_state, vehicle_id, approved_at, created_at)
			 VALUES ($1,$2,$3,$4,$5,'offline',$6,$7,$8,$9,$10,now(),now()) RETURNING id`,
			d.UserID, d.Phone, d.Email, d.FirstName, d.LastName, d.City, d.RideTypes,
			d.LicenseNumber, d.LicenseState, vid).Scan(&id)
	})
	return id, errs.Wrap("driver.create", err)
}

// UpdateStatus sets the availability status, guarding against suspended drivers going online.
func (r *DriverRepository) UpdateStatus(ctx context.Context, id int64, from []entity.DriverStatus, to entity.DriverStatus) error {
	res, err := db.Conn(ctx, r.conn).ExecContext(ctx,
		`UPDATE drivers SET status = $2, status_changed_at = now() WHERE id = $1 AND status = ANY($3)`,
		id, to, statusArray(from))
	if err != nil {
		return errs.Wrap("driver.update_status", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("driver.update_status", "driver cannot move to "+string(to))
	}
	return nil
}

// Documents lists a driver's documents.
func (r *DriverRepository) Documents(ctx context.Context, driverID int64) ([]model.Document, error) {
	return r.queryDocs(ctx, `SELECT id, driver_id, type, storage_key, status, COALESCE(expires_at, 'epoch'), uploaded_at
		FROM driver_documents WHERE driver_id = $1 ORDER BY type`, driverID)
}

// ExpiringBefore lists approved documents expiring before t.
func (r *DriverRepository) ExpiringBefore(ctx context.Context, t time.Time) ([]model.Document, error) {
	return r.queryDocs(ctx, `SELECT id, driver_id, type, storage_key, status, expires_at, uploaded_at
		FROM driver_documents WHERE status = 'approved' AND expires_at < $1 ORDER BY expires_at`, t)
}

// MarkDocumentExpired flags a document as expired.
func (r *DriverRepository) MarkDocumentExpired(ctx context.Context, docID int64) error {
	_, err := db.Conn(ctx, r.conn).ExecContext(ctx, `UPDATE driver_documents SET status = 'expired' WHERE id = $1`, docID)
	return errs.Wrap("driver.mark_document_expired", err)
}

func (r *DriverRepository) queryDocs(ctx context.Context, q string, args ...any) ([]model.Document, error) {
	rows, err := db.Conn(ctx, r.conn).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap("driver.documents", err)
	}
	defer rows.Close()
	var out []model.Document
	for rows.Next() {
		var d model.Document
		if err := rows.Scan(&d.ID, &d.DriverID, &d.Type, &d.StorageKey, &d.Status, &d.ExpiresAt, &d.UploadedAt); err != nil {
			return nil, errs.Wrap("driver.documents", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
