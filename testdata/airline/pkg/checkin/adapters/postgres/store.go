// Package postgres persists check-ins and boarding passes.
package postgres

import (
	"context"
	"database/sql"

	"skyhop.aero/backend/pkg/checkin/domain"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

const cols = `id, locator, passenger_id, flight_id, seat, sequence_no, status,
	doc_type, doc_number, doc_country, doc_expiry, created_at`

func scan(sc interface{ Scan(...any) error }) (domain.Checkin, error) {
	var c domain.Checkin
	err := sc.Scan(&c.ID, &c.Locator, &c.PassengerID, &c.FlightID, &c.Seat, &c.Sequence, &c.Status,
		&c.DocType, &c.DocNumber, &c.DocCountry, &c.DocExpiry, &c.CreatedAt)
	return c, err
}

// Insert allocates the next boarding sequence number on the flight.
func (s *Store) Insert(ctx context.Context, c *domain.Checkin) error {
	return db.Q(ctx, s.DB).QueryRowContext(ctx, `
		INSERT INTO checkins (locator, passenger_id, flight_id, seat, sequence_no, status,
			doc_type, doc_number, doc_country, doc_expiry, created_at)
		VALUES ($1, $2, $3, $4,
			(SELECT coalesce(max(sequence_no), 0) + 1 FROM checkins WHERE flight_id = $3),
			$5, $6, $7, $8, $9, now())
		RETURNING id, sequence_no, created_at`,
		c.Locator, c.PassengerID, c.FlightID, c.Seat, c.Status, c.DocType, c.DocNumber, c.DocCountry, c.DocExpiry).
		Scan(&c.ID, &c.Sequence, &c.CreatedAt)
}

func (s *Store) Find(ctx context.Context, passengerID, flightID int64) (domain.Checkin, error) {
	c, err := scan(db.Q(ctx, s.DB).QueryRowContext(ctx, `SELECT `+cols+` FROM checkins
		WHERE passenger_id = $1 AND flight_id = $2 AND status <> 'OFFLOADED'`, passengerID, flightID))
	if db.NotFound(err) {
		return c, errs.NotFound("checkin.find", "passenger %d not checked in on %d", passengerID, flightID)
	}
	return c, err
}

func (s *Store) BySequence(ctx context.Context, flightID int64, seq int) (domain.Checkin, error) {
	c, err := scan(db.Q(ctx, s.DB).QueryRowContext(ctx, `SELECT `+cols+` FROM checkins
		WHERE flight_id = $1 AND sequence_no = $2`, flightID, seq))
	if db.NotFound(err) {
		return c, errs.NotFound("checkin.seq", "no sequence %d on flight %d", seq, flightID)
	}
	return c, err
}

func (s *Store) SetStatus(ctx context.Context, id int64, st domain.Status) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `UPDATE checkins SET status = $2, updated_at = now() WHERE id = $1`, id, st)
	return err
}

func (s *Store) SaveBoardingPass(ctx context.Context, bp models.BoardingPass) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		INSERT INTO boarding_passes (locator, passenger_id, flight_id, seat, sequence_no, zone, barcode, issued_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7, now())
		ON CONFLICT (passenger_id, flight_id) DO UPDATE SET seat = EXCLUDED.seat, barcode = EXCLUDED.barcode,
			zone = EXCLUDED.zone, issued_at = now()`,
		bp.Locator, bp.PassengerID, bp.FlightID, bp.Seat, bp.Sequence, bp.Zone, bp.Barcode)
	return err
}

// Manifest counts passengers per status on a flight for the gate screen.
func (s *Store) Manifest(ctx context.Context, flightID int64) (map[domain.Status]int, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `SELECT status, count(*) FROM checkins
		WHERE flight_id = $1 GROUP BY status`, flightID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[domain.Status]int{}
	for rows.Next() {
		var st domain.Status
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
