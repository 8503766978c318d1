// Package hotel persists hotels and their amenities.
//
// Tables: hotels, amenities, hotel_amenities.
package hotel

import (
	"context"
	"database/sql"
	"strings"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Store is the hotels repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

const hotelCols = `id, code, name, city, country, timezone, currency, star_rating,
	check_in_at, check_out_at, active, created_at`

func scanHotel(row interface{ Scan(...any) error }) (*model.Hotel, error) {
	var h model.Hotel
	err := row.Scan(&h.ID, &h.Code, &h.Name, &h.City, &h.Country, &h.Timezone, &h.Currency,
		&h.StarRating, &h.CheckInAt, &h.CheckOutAt, &h.Active, &h.CreatedAt)
	if err != nil {
		return nil, err
	}
	return &h, nil
}

// List returns hotels, optionally only active ones in a city.
func (s *Store) List(ctx context.Context, activeOnly bool, city string) ([]model.Hotel, error) {
	q := `SELECT ` + hotelCols + ` FROM hotels WHERE 1=1`
	var args []any
	if activeOnly {
		q += ` AND active`
	}
	if city != "" {
		args = append(args, strings.ToLower(city))
		q += ` AND lower(city) = $1`
	}
	q += ` ORDER BY code`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(err, "hotel.List")
	}
	defer rows.Close()
	var out []model.Hotel
	for rows.Next() {
		h, err := scanHotel(rows)
		if err != nil {
			return nil, errs.Wrap(err, "hotel.List")
		}
		out = append(out, *h)
	}
	return out, rows.Err()
}

// Get loads a hotel with its amenity codes.
func (s *Store) Get(ctx context.Context, id int64) (*model.Hotel, error) {
	h, err := scanHotel(s.db.QueryRowContext(ctx, `SELECT `+hotelCols+` FROM hotels WHERE id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "hotel.Get", "hotel")
	}
	if h.Amenities, err = s.amenities(ctx, id); err != nil {
		return nil, err
	}
	return h, nil
}

// Create inserts h and sets its ID.
func (s *Store) Create(ctx context.Context, h *model.Hotel) error {
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO hotels (code, name, city, country, timezone, currency, star_rating,
			check_in_at, check_out_at, active, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
		RETURNING id, created_at`,
		h.Code, h.Name, h.City, h.Country, h.Timezone, h.Currency, h.StarRating,
		h.CheckInAt, h.CheckOutAt, h.Active,
	).Scan(&h.ID, &h.CreatedAt)
	if err != nil {
		return db.NotFound(err, "hotel.Create", "hotel code "+h.Code)
	}
	return nil
}

// SetAmenities replaces the amenity list of a hotel.
func (s *Store) SetAmenities(ctx context.Context, hotelID int64, codes []string) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM hotel_amenities WHERE hotel_id = $1`, hotelID); err != nil {
			return errs.Wrap(err, "hotel.SetAmenities")
		}
		for _, c := range codes {
			_, err := tx.ExecContext(ctx, `
				INSERT INTO hotel_amenities (hotel_id, amenity_id)
				SELECT $1, id FROM amenities WHERE code = $2`, hotelID, c)
			if err != nil {
				return errs.Wrap(err, "hotel.SetAmenities")
			}
		}
		return nil
	})
}

func (s *Store) amenities(ctx context.Context, hotelID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT a.code FROM amenities a
		JOIN hotel_amenities ha ON ha.amenity_id = a.id
		WHERE ha.hotel_id = $1 ORDER BY a.code`, hotelID)
	if err != nil {
		return nil, errs.Wrap(err, "hotel.amenities")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, errs.Wrap(err, "hotel.amenities")
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
