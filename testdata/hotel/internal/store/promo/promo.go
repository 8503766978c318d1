// Package promo persists promotion codes.
//
// Table: promo_codes.
package promo

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/staybright/platform/internal/pkg/db"
	"github.com/staybright/platform/internal/pkg/errs"
)

// Promo is a discount code, optionally restricted to one hotel.
type Promo struct {
	Code        string
	HotelID     int64 // 0 = chain wide
	DiscountBps int64
	ValidFrom   time.Time
	ValidTo     time.Time
	MaxUses     int
	Uses        int
	MinNights   int
}

// ValidAt reports whether the code can be used at t for hotelID.
func (p *Promo) ValidAt(t time.Time, hotelID int64, nights int) bool {
	if p.HotelID != 0 && p.HotelID != hotelID {
		return false
	}
	if t.Before(p.ValidFrom) || !t.Before(p.ValidTo) {
		return false
	}
	if p.MaxUses > 0 && p.Uses >= p.MaxUses {
		return false
	}
	return nights >= p.MinNights
}

// Store is the promo repository.
type Store struct {
	db *sql.DB
}

// New returns a Store.
func New(conn *sql.DB) *Store { return &Store{db: conn} }

// Get loads a promo by code.
func (s *Store) Get(ctx context.Context, code string) (*Promo, error) {
	var p Promo
	var hotelID sql.NullInt64
	err := s.db.QueryRowContext(ctx, `
		SELECT code, hotel_id, discount_bps, valid_from, valid_to, max_uses, uses, min_nights
		FROM promo_codes WHERE code = $1`, strings.ToUpper(code)).
		Scan(&p.Code, &hotelID, &p.DiscountBps, &p.ValidFrom, &p.ValidTo, &p.MaxUses, &p.Uses, &p.MinNights)
	if err != nil {
		return nil, db.NotFound(err, "promo.Get", "promo code")
	}
	p.HotelID = hotelID.Int64
	return &p, nil
}

// Redeem increments the use counter, failing if the code is exhausted.
func (s *Store) Redeem(ctx context.Context, code string) error {
	res, err := s.db.ExecContext(ctx, `
		UPDATE promo_codes SET uses = uses + 1
		WHERE code = $1 AND (max_uses = 0 OR uses < max_uses)`, strings.ToUpper(code))
	if err != nil {
		return errs.Wrap(err, "promo.Redeem")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "promo.Redeem", "promo code is no longer available")
	}
	return nil
}
