// Package store persists dining tables, reservations and the waitlist.
package store

import (
	"context"
	"database/sql"
	"time"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/models"
)

// Store is the reservations store.
type Store struct{ DB *sql.DB }

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{DB: conn} }

// Tables lists a location's tables, smallest first.
func (s *Store) Tables(ctx context.Context, locationID int64) ([]models.Table, error) {
	rows, err := s.DB.QueryContext(ctx,
		`SELECT id, location_id, name, seats, section, status FROM dining_tables WHERE location_id = $1 ORDER BY seats, name`, locationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Table
	for rows.Next() {
		var t models.Table
		if err := rows.Scan(&t.ID, &t.LocationID, &t.Name, &t.Seats, &t.Section, &t.Status); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SetTableStatus updates a table's floor status.
func (s *Store) SetTableStatus(ctx context.Context, tableID int64, status string) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE dining_tables SET status = $2 WHERE id = $1`, tableID, status)
	return err
}

const resCols = `id, location_id, guest_name, phone, party_size, starts_at, minutes, COALESCE(table_id, 0), status, notes`

func scanRes(row interface{ Scan(...any) error }) (*models.Reservation, error) {
	var r models.Reservation
	err := row.Scan(&r.ID, &r.LocationID, &r.GuestName, &r.Phone, &r.PartySize, &r.StartsAt, &r.Minutes, &r.TableID, &r.Status, &r.Notes)
	return &r, err
}

// Get returns one reservation.
func (s *Store) Get(ctx context.Context, id int64) (*models.Reservation, error) {
	r, err := scanRes(s.DB.QueryRowContext(ctx, `SELECT `+resCols+` FROM reservations WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("reservation %d not found", id)
	}
	return r, err
}

// Between lists live reservations overlapping [from, to).
func (s *Store) Between(ctx context.Context, locationID int64, from, to time.Time) ([]models.Reservation, error) {
	return s.query(ctx,
		`SELECT `+resCols+` FROM reservations
		 WHERE location_id = $1 AND status IN ('booked', 'reminded', 'seated')
		   AND starts_at < $3 AND starts_at + minutes * interval '1 minute' > $2 ORDER BY starts_at`,
		locationID, from, to)
}

// NeedingReminder lists booked reservations starting in [from, to).
func (s *Store) NeedingReminder(ctx context.Context, from, to time.Time) ([]models.Reservation, error) {
	return s.query(ctx, `SELECT `+resCols+` FROM reservations WHERE status = 'booked' AND starts_at >= $1 AND starts_at < $2`, from, to)
}

func (s *Store) query(ctx context.Context, q string, args ...any) ([]models.Reservation, error) {
	rows, err := s.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Reservation
	for rows.Next() {
		r, err := scanRes(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// Insert stores a reservation.
func (s *Store) Insert(ctx context.Context, r *models.Reservation) error {
	return s.DB.QueryRowContext(ctx,
		`INSERT INTO reservations (location_id, guest_name, phone, party_size, starts_at, minutes, table_id, status, notes, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', $8, now()) RETURNING id`,
		r.LocationID, r.GuestName, r.Phone, r.PartySize, r.StartsAt, r.Minutes, db.NullInt64(r.TableID), r.Notes).Scan(&r.ID)
}

// SetStatus updates status and optionally the table.
func (s *Store) SetStatus(ctx context.Context, id int64, status string, tableID int64) error {
	_, err := s.DB.ExecContext(ctx,
		`UPDATE reservations SET status = $2, table_id = COALESCE($3, table_id) WHERE id = $1`, id, status, db.NullInt64(tableID))
	return err
}

// MarkNoShows flags reservations more than grace past their time.
func (s *Store) MarkNoShows(ctx context.Context, grace time.Duration) (int64, error) {
	res, err := s.DB.ExecContext(ctx,
		`UPDATE reservations SET status = 'no_show' WHERE status IN ('booked', 'reminded') AND starts_at < $1`, time.Now().Add(-grace))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
