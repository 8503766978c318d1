// Package roomtype persists room types and physical rooms.
//
// Tables: room_types, rooms.
package roomtype

import (
	"context"
	"database/sql"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Store is the room type repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

const typeCols = `id, hotel_id, code, name, max_occupancy, bed_config, base_rate_cents, total_rooms`

func scanType(row interface{ Scan(...any) error }) (*model.RoomType, error) {
	var rt model.RoomType
	if err := row.Scan(&rt.ID, &rt.HotelID, &rt.Code, &rt.Name, &rt.MaxOccupancy,
		&rt.BedConfig, &rt.BaseRateCents, &rt.TotalRooms); err != nil {
		return nil, err
	}
	return &rt, nil
}

// ListByHotel returns the room types of a hotel.
func (s *Store) ListByHotel(ctx context.Context, hotelID int64) ([]model.RoomType, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+typeCols+` FROM room_types WHERE hotel_id = $1 ORDER BY base_rate_cents`, hotelID)
	if err != nil {
		return nil, errs.Wrap(err, "roomtype.ListByHotel")
	}
	defer rows.Close()
	var out []model.RoomType
	for rows.Next() {
		rt, err := scanType(rows)
		if err != nil {
			return nil, errs.Wrap(err, "roomtype.ListByHotel")
		}
		out = append(out, *rt)
	}
	return out, rows.Err()
}

// Get returns one room type.
func (s *Store) Get(ctx context.Context, id int64) (*model.RoomType, error) {
	rt, err := scanType(s.db.QueryRowContext(ctx, `SELECT `+typeCols+` FROM room_types WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "roomtype.Get", "room type")
	}
	return rt, nil
}

// Create inserts a room type.
func (s *Store) Create(ctx context.Context, rt *model.RoomType) error {
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO room_types (hotel_id, code, name, max_occupancy, bed_config, base_rate_cents, total_rooms)
		VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id`,
		rt.HotelID, rt.Code, rt.Name, rt.MaxOccupancy, rt.BedConfig, rt.BaseRateCents).Scan(&rt.ID)
	if err != nil {
		return db.NotFound(err, "roomtype.Create", "room type "+rt.Code)
	}
	return nil
}

// ListRooms returns the physical rooms of a hotel.
func (s *Store) ListRooms(ctx context.Context, hotelID int64) ([]model.Room, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, hotel_id, room_type_id, number, floor FROM rooms
		WHERE hotel_id = $1 AND NOT decommissioned ORDER BY number`, hotelID)
	if err != nil {
		return nil, errs.Wrap(err, "roomtype.ListRooms")
	}
	defer rows.Close()
	var out []model.Room
	for rows.Next() {
		var r model.Room
		if err := rows.Scan(&r.ID, &r.HotelID, &r.RoomTypeID, &r.Number, &r.Floor); err != nil {
			return nil, errs.Wrap(err, "roomtype.ListRooms")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// GetRoom returns one physical room.
func (s *Store) GetRoom(ctx context.Context, id int64) (*model.Room, error) {
	var r model.Room
	err := s.db.QueryRowContext(ctx, `SELECT id, hotel_id, room_type_id, number, floor FROM rooms WHERE id = $1`, id).
		Scan(&r.ID, &r.HotelID, &r.RoomTypeID, &r.Number, &r.Floor)
	if err != nil {
		return nil, db.NotFound(err, "roomtype.GetRoom", "room")
	}
	return &r, nil
}

// CreateRoom inserts a room and bumps the room type's total in one transaction.
func (s *Store) CreateRoom(ctx context.Context, r *model.Room) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO rooms (hotel_id, room_type_id, number, floor) VALUES ($1, $2, $3, $4) RETURNING id`,
			r.HotelID, r.RoomTypeID, r.Number, r.Floor).Scan(&r.ID)
		if err != nil {
			return db.NotFound(err, "roomtype.CreateRoom", "room "+r.Number)
		}
		_, err = tx.ExecContext(ctx, `UPDATE room_types SET total_rooms = total_rooms + 1 WHERE id = $1`, r.RoomTypeID)
		return errs.Wrap(err, "roomtype.CreateRoom")
	})
}
