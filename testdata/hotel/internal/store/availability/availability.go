// Package availability persists the per-night sellable inventory calendar.
//
// Table: inventory_days (hotel_id, room_type_id, day, total, sold, closed).
package availability

import (
	"context"
	"database/sql"
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Store is the inventory calendar repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

// DB exposes the pool so callers can open a transaction spanning Reserve.
func (s *Store) DB() *sql.DB { return s.db }

// Range returns the calendar for a room type over r.
func (s *Store) Range(ctx context.Context, hotelID, roomTypeID int64, r clock.Range) ([]model.InventoryDay, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT hotel_id, room_type_id, day, total, sold, closed FROM inventory_days
		WHERE hotel_id = $1 AND room_type_id = $2 AND day >= $3 AND day < $4
		ORDER BY day`, hotelID, roomTypeID, r.From, r.To)
	if err != nil {
		return nil, errs.Wrap(err, "availability.Range")
	}
	defer rows.Close()
	return scanDays(rows)
}

// RangeHotel returns the calendar of every room type in a hotel.
func (s *Store) RangeHotel(ctx context.Context, hotelID int64, r clock.Range) (map[int64][]model.InventoryDay, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT hotel_id, room_type_id, day, total, sold, closed FROM inventory_days
		WHERE hotel_id = $1 AND day >= $2 AND day < $3
		ORDER BY room_type_id, day`, hotelID, r.From, r.To)
	if err != nil {
		return nil, errs.Wrap(err, "availability.RangeHotel")
	}
	defer rows.Close()
	days, err := scanDays(rows)
	if err != nil {
		return nil, err
	}
	out := map[int64][]model.InventoryDay{}
	for _, d := range days {
		out[d.RoomTypeID] = append(out[d.RoomTypeID], d)
	}
	return out, nil
}

func scanDays(rows *sql.Rows) ([]model.InventoryDay, error) {
	var out []model.InventoryDay
	for rows.Next() {
		var d model.InventoryDay
		if err := rows.Scan(&d.HotelID, &d.RoomTypeID, &d.Day, &d.Total, &d.Sold, &d.Closed); err != nil {
			return nil, errs.Wrap(err, "availability.scan")
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Reserve increments sold for every night in r, or fails with Conflict if
// any night cannot take n more rooms.
func (s *Store) Reserve(ctx context.Context, q db.Querier, hotelID, roomTypeID int64, r clock.Range, n int) error {
	res, err := q.ExecContext(ctx, `
		UPDATE inventory_days SET sold = sold + $5
		WHERE hotel_id = $1 AND room_type_id = $2 AND day >= $3 AND day < $4
		  AND NOT closed AND sold + $5 <= total`, hotelID, roomTypeID, r.From, r.To, n)
	if err != nil {
		return errs.Wrap(err, "availability.Reserve")
	}
	got, err := res.RowsAffected()
	if err != nil {
		return errs.Wrap(err, "availability.Reserve")
	}
	if int(got) != r.Nights() {
		return errs.E(errs.Conflict, "availability.Reserve", "room type is not available for the requested dates")
	}
	return nil
}

// Release gives n rooms back for every night in r.
func (s *Store) Release(ctx context.Context, q db.Querier, hotelID, roomTypeID int64, r clock.Range, n int) error {
	_, err := q.ExecContext(ctx, `
		UPDATE inventory_days SET sold = GREATEST(sold - $5, 0)
		WHERE hotel_id = $1 AND room_type_id = $2 AND day >= $3 AND day < $4`,
		hotelID, roomTypeID, r.From, r.To, n)
	return errs.Wrap(err, "availability.Release")
}

// SetClosed opens or closes a room type for sale (stop-sell).
func (s *Store) SetClosed(ctx context.Context, hotelID, roomTypeID int64, r clock.Range, closed bool) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE inventory_days SET closed = $5
		WHERE hotel_id = $1 AND room_type_id = $2 AND day >= $3 AND day < $4`,
		hotelID, roomTypeID, r.From, r.To, closed)
	return errs.Wrap(err, "availability.SetClosed")
}

// SetTotal updates the physical room count from a day onwards.
func (s *Store) SetTotal(ctx context.Context, hotelID, roomTypeID int64, from time.Time, total int) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE inventory_days SET total = $4
		WHERE hotel_id = $1 AND room_type_id = $2 AND day >= $3`, hotelID, roomTypeID, from, total)
	return errs.Wrap(err, "availability.SetTotal")
}

// Extend makes sure calendar rows exist up to through; returns rows created.
func (s *Store) Extend(ctx context.Context, hotelID, roomTypeID int64, total int, from, through time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO inventory_days (hotel_id, room_type_id, day, total, sold, closed)
		SELECT $1, $2, d::date, $3, 0, false
		FROM generate_series($4::date, $5::date, interval '1 day') AS d
		ON CONFLICT (hotel_id, room_type_id, day) DO NOTHING`,
		hotelID, roomTypeID, total, from, through)
	if err != nil {
		return 0, errs.Wrap(err, "availability.Extend")
	}
	return res.RowsAffected()
}

// Occupancy returns sold/total for a hotel on a day (used by pricing rules).
func (s *Store) Occupancy(ctx context.Context, hotelID int64, day time.Time) (float64, error) {
	var sold, total sql.NullInt64
	err := s.db.QueryRowContext(ctx, `
		SELECT SUM(sold), SUM(total) FROM inventory_days WHERE hotel_id = $1 AND day = $2`,
		hotelID, day).Scan(&sold, &total)
	if err != nil {
		return 0, errs.Wrap(err, "availability.Occupancy")
	}
	if !total.Valid || total.Int64 == 0 {
		return 0, nil
	}
	return float64(sold.Int64) / float64(total.Int64), nil
}
