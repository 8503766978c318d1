// Package seating allocates seats at check-in.
package seating

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
)

// Map is the cabin layout of a flight.
type Map struct {
	Rows         int
	Letters      string // e.g. "ACDF"
	BusinessRows int
	Blocked      map[string]bool // crew rest, inoperative seats
	Taken        map[string]bool
}

type Allocator struct{ DB *sql.DB }

func New(d *sql.DB) *Allocator { return &Allocator{DB: d} }

// Load builds the seat map of a flight. The layout comes from the aircraft
// type of the flight; taken seats from seat_assignments.
func (a *Allocator) Load(ctx context.Context, flightID int64) (Map, error) {
	m := Map{Blocked: map[string]bool{}, Taken: map[string]bool{}}
	var blocked string
	err := db.Q(ctx, a.DB).QueryRowContext(ctx, `
		SELECT t.seat_rows, t.seat_letters, t.business_rows, coalesce(t.blocked_seats, '')
		FROM flights f JOIN aircraft_types t ON t.code = f.aircraft_type
		WHERE f.id = $1`, flightID).Scan(&m.Rows, &m.Letters, &m.BusinessRows, &blocked)
	if db.NotFound(err) {
		return m, errs.NotFound("seating.load", "flight %d", flightID)
	}
	if err != nil {
		return m, err
	}
	for _, s := range strings.Fields(blocked) {
		m.Blocked[s] = true
	}
	rows, err := db.Q(ctx, a.DB).QueryContext(ctx, `SELECT seat FROM seat_assignments WHERE flight_id = $1`, flightID)
	if err != nil {
		return m, err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return m, err
		}
		m.Taken[s] = true
	}
	return m, rows.Err()
}

// Free reports whether the seat exists and is free.
func (m Map) Free(seat string) bool {
	var row int
	var letter string
	if _, err := fmt.Sscanf(seat, "%d%s", &row, &letter); err != nil {
		return false
	}
	return row >= 1 && row <= m.Rows && strings.Contains(m.Letters, letter) && !m.Blocked[seat] && !m.Taken[seat]
}

// Auto picks a seat: business passengers in the front rows, everyone else
// from the back, aisle and window before middle.
func (m Map) Auto(business bool) (string, bool) {
	order := preferredLetters(m.Letters)
	if business {
		for r := 1; r <= m.BusinessRows; r++ {
			for _, l := range order {
				if s := fmt.Sprintf("%d%c", r, l); m.Free(s) {
					return s, true
				}
			}
		}
		return "", false
	}
	for r := m.Rows; r > m.BusinessRows; r-- {
		for _, l := range order {
			if s := fmt.Sprintf("%d%c", r, l); m.Free(s) {
				return s, true
			}
		}
	}
	return "", false
}

func preferredLetters(letters string) []rune {
	rs := []rune(letters)
	if len(rs) <= 2 {
		return rs
	}
	// window seats first, then aisle, then the rest
	out := []rune{rs[0], rs[len(rs)-1]}
	mid := len(rs) / 2
	out = append(out, rs[mid-1], rs[mid])
	for _, r := range rs[1 : len(rs)-1] {
		if r != rs[mid-1] && r != rs[mid] {
			out = append(out, r)
		}
	}
	return out
}

// Assign claims a seat for a passenger; the unique index on
// (flight_id, seat) resolves races.
func (a *Allocator) Assign(ctx context.Context, flightID, passengerID int64, seat string) error {
	_, err := db.Q(ctx, a.DB).ExecContext(ctx, `
		INSERT INTO seat_assignments (flight_id, passenger_id, seat) VALUES ($1, $2, $3)
		ON CONFLICT (flight_id, passenger_id) DO UPDATE SET seat = EXCLUDED.seat`, flightID, passengerID, seat)
	if err != nil && strings.Contains(err.Error(), "seat_assignments_flight_seat") {
		return errs.Conflict("seating.assign", "seat %s was just taken", seat)
	}
	return err
}

// Release frees a passenger's seat.
func (a *Allocator) Release(ctx context.Context, flightID, passengerID int64) error {
	_, err := db.Q(ctx, a.DB).ExecContext(ctx, `DELETE FROM seat_assignments WHERE flight_id = $1 AND passenger_id = $2`,
		flightID, passengerID)
	return err
}
