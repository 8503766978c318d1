// Package inventory manages seat inventory per flight and booking class.
// Classes are nested: a sale in a lower class also reduces every higher
// class's availability, which is why availability is computed here rather
// than stored per class.
package inventory

import (
	"context"
	"database/sql"

	"skyhop.aero/backend/pkg/core"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
)

type Service struct{ DB *sql.DB }

func New(d *sql.DB) *Service { return &Service{DB: d} }

type bucket struct {
	class      string
	authorized int
	sold       int
}

// Open creates the inventory rows for a new flight from its capacity, using
// the default authorization profile (share of cabin per class).
func (s *Service) Open(ctx context.Context, flightID int64, economySeats, businessSeats int) error {
	profile := map[string]float64{"Y": 1.0, "B": 0.9, "M": 0.8, "H": 0.7, "K": 0.55, "L": 0.45, "Q": 0.35, "T": 0.25, "O": 0.12}
	q := db.Q(ctx, s.DB)
	for _, c := range core.ClassLadder {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO seat_inventory (flight_id, booking_class, authorized, sold)
			VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
			flightID, c, int(float64(economySeats)*profile[c])); err != nil {
			return err
		}
	}
	for _, c := range []string{"J", "C", "D"} {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO seat_inventory (flight_id, booking_class, authorized, sold)
			VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`, flightID, c, businessSeats); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) buckets(ctx context.Context, flightID int64, lock bool) ([]bucket, error) {
	query := `SELECT booking_class, authorized, sold FROM seat_inventory WHERE flight_id = $1`
	if lock {
		query += ` FOR UPDATE`
	}
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, query, flightID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []bucket
	for rows.Next() {
		var b bucket
		if err := rows.Scan(&b.class, &b.authorized, &b.sold); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// available computes nested availability: a class may sell up to its
// authorization minus everything sold in the same cabin at or below it in
// the ladder, and never more than the cabin has left.
func available(bs []bucket) map[string]int {
	byClass := map[string]bucket{}
	soldCabin := map[string]int{}
	capCabin := map[string]int{}
	for _, b := range bs {
		byClass[b.class] = b
		cab := core.CabinOf(b.class)
		soldCabin[cab] += b.sold
		if b.authorized > capCabin[cab] {
			capCabin[cab] = b.authorized
		}
	}
	out := map[string]int{}
	for c, b := range byClass {
		cab := core.CabinOf(c)
		left := capCabin[cab] - soldCabin[cab]
		classLeft := b.authorized - b.sold
		if classLeft < left {
			left = classLeft
		}
		if left < 0 {
			left = 0
		}
		out[c] = left
	}
	return out
}

// Availability returns seats left per class.
func (s *Service) Availability(ctx context.Context, flightID int64) (models.Availability, error) {
	bs, err := s.buckets(ctx, flightID, false)
	if err != nil {
		return models.Availability{}, err
	}
	return models.Availability{FlightID: flightID, Classes: available(bs)}, nil
}

// Sell decrements inventory for n seats in a class. It must run inside the
// caller's transaction so that a failed booking releases nothing.
func (s *Service) Sell(ctx context.Context, flightID int64, class string, n int) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, tx *sql.Tx) error {
		bs, err := s.buckets(ctx, flightID, true)
		if err != nil {
			return err
		}
		if available(bs)[class] < n {
			return errs.Conflict("inventory.sell", "class %s sold out on flight %d", class, flightID)
		}
		_, err = tx.ExecContext(ctx,
			`UPDATE seat_inventory SET sold = sold + $3 WHERE flight_id = $1 AND booking_class = $2`,
			flightID, class, n)
		return err
	})
}

// Release returns n seats to a class (cancellation, hold expiry).
func (s *Service) Release(ctx context.Context, flightID int64, class string, n int) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		UPDATE seat_inventory SET sold = GREATEST(sold - $3, 0)
		WHERE flight_id = $1 AND booking_class = $2`, flightID, class, n)
	return err
}

// Close sets authorization to zero on all classes, e.g. for a cancelled flight.
func (s *Service) Close(ctx context.Context, flightID int64) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx,
		`UPDATE seat_inventory SET authorized = sold WHERE flight_id = $1`, flightID)
	return err
}
