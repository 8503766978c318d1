// Package mapping stores how our hotels, room types and rate plans map to
// each OTA's identifiers, and the ARI sync log.
//
// Tables: channel_connections, channel_room_mappings, channel_sync_log.
package mapping

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Connection is a hotel's contract with one OTA.
type Connection struct {
	ID       int64  `db:"id" json:"id"`
	HotelID  int64  `db:"hotel_id" json:"hotel_id"`
	Channel  string `db:"channel" json:"channel"`
	HotelRef string `db:"hotel_ref" json:"hotel_ref"`
	Active   bool   `db:"active" json:"active"`
}

// Mapping links a (room type, rate plan) to the OTA's (room, rate) codes.
type Mapping struct {
	ConnectionID int64  `db:"connection_id" json:"connection_id"`
	HotelID      int64  `db:"hotel_id" json:"hotel_id"`
	Channel      string `db:"channel" json:"channel"`
	HotelRef     string `db:"hotel_ref" json:"hotel_ref"`
	RoomTypeID   int64  `db:"room_type_id" json:"room_type_id"`
	RatePlanID   int64  `db:"rate_plan_id" json:"rate_plan_id"`
	RatePlanCode string `db:"rate_plan_code" json:"rate_plan_code"`
	RoomRef      string `db:"room_ref" json:"room_ref"`
	RateRef      string `db:"rate_ref" json:"rate_ref"`
}

// Store is the mapping repository.
type Store struct {
	db *sqlx.DB
}

// New returns a Store.
func New(conn *sqlx.DB) *Store { return &Store{db: conn} }

// ActiveHotels returns the ids of hotels with at least one active connection.
func (s *Store) ActiveHotels(ctx context.Context) ([]int64, error) {
	var out []int64
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT hotel_id FROM channel_connections WHERE active`)
	if err != nil {
		return nil, errs.Wrap(err, "mapping.ActiveHotels")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Wrap(err, "mapping.ActiveHotels")
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

const mappingSelect = `
	SELECT m.connection_id, c.hotel_id, c.channel, c.hotel_ref, m.room_type_id, m.rate_plan_id,
		m.rate_plan_code, m.room_ref, m.rate_ref
	FROM channel_room_mappings m JOIN channel_connections c ON c.id = m.connection_id`

// ForRoomType returns active mappings of a room type across channels.
func (s *Store) ForRoomType(ctx context.Context, hotelID, roomTypeID int64) ([]Mapping, error) {
	var out []Mapping
	err := s.db.SelectContext(ctx, &out, mappingSelect+`
		WHERE c.active AND c.hotel_id = $1 AND m.room_type_id = $2`, hotelID, roomTypeID)
	return out, errs.Wrap(err, "mapping.ForRoomType")
}

// ForHotel returns all active mappings of a hotel.
func (s *Store) ForHotel(ctx context.Context, hotelID int64) ([]Mapping, error) {
	var out []Mapping
	err := s.db.SelectContext(ctx, &out, mappingSelect+` WHERE c.active AND c.hotel_id = $1`, hotelID)
	return out, errs.Wrap(err, "mapping.ForHotel")
}

// Resolve maps an inbound OTA booking back to our ids.
func (s *Store) Resolve(ctx context.Context, channel, hotelRef, roomRef, rateRef string) (*Mapping, error) {
	var m Mapping
	err := s.db.GetContext(ctx, &m, mappingSelect+`
		WHERE c.channel = $1 AND c.hotel_ref = $2 AND m.room_ref = $3 AND m.rate_ref = $4`,
		channel, hotelRef, roomRef, rateRef)
	if err != nil {
		return nil, db.NotFound(err, "mapping.Resolve", "channel mapping")
	}
	return &m, nil
}

// Save upserts a mapping.
func (s *Store) Save(ctx context.Context, m *Mapping) error {
	_, err := s.db.NamedExecContext(ctx, `
		INSERT INTO channel_room_mappings (connection_id, room_type_id, rate_plan_id, rate_plan_code, room_ref, rate_ref)
		VALUES (:connection_id, :room_type_id, :rate_plan_id, :rate_plan_code, :room_ref, :rate_ref)
		ON CONFLICT (connection_id, room_type_id, rate_plan_id)
		DO UPDATE SET room_ref = EXCLUDED.room_ref, rate_ref = EXCLUDED.rate_ref`, m)
	return errs.Wrap(err, "mapping.Save")
}

// CreateConnection adds a hotel/OTA connection.
func (s *Store) CreateConnection(ctx context.Context, c *Connection) error {
	err := s.db.GetContext(ctx, &c.ID, `
		INSERT INTO channel_connections (hotel_id, channel, hotel_ref, active) VALUES ($1, $2, $3, true) RETURNING id`,
		c.HotelID, c.Channel, c.HotelRef)
	if err != nil {
		return db.NotFound(err, "mapping.CreateConnection", "connection")
	}
	c.Active = true
	return nil
}

// LogSync records an ARI push or inbound message for support.
func (s *Store) LogSync(ctx context.Context, connectionID int64, kind string, count int, failure string) error {
	_, err := s.db.NamedExecContext(ctx, `
		INSERT INTO channel_sync_log (connection_id, kind, item_count, error, at)
		VALUES (:connection_id, :kind, :item_count, NULLIF(:error, ''), now())`,
		map[string]any{"connection_id": connectionID, "kind": kind, "item_count": count, "error": failure})
	return errs.Wrap(err, "mapping.LogSync")
}
