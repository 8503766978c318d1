// Package postgres persists bookings.
package postgres

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"skyhop.aero/backend/pkg/booking/domain"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

// Insert writes a new booking with its passengers and segments.
func (s *Store) Insert(ctx context.Context, b *domain.Booking) error {
	q := db.Q(ctx, s.DB)
	if _, err := q.ExecContext(ctx, `
		INSERT INTO pnrs (locator, status, contact_email, contact_phone, total_minor, currency,
			quote_id, fare_basis, hold_expires, created_at, version)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,1)`,
		b.Locator, b.Status, b.ContactEmail, b.ContactPhone, b.Total.Minor, b.Total.Currency,
		b.QuoteID, b.FareBasis, b.HoldExpires, b.CreatedAt); err != nil {
		if strings.Contains(err.Error(), "pnrs_pkey") {
			return errs.Conflict("booking.insert", "locator collision")
		}
		return err
	}
	for i := range b.Passengers {
		p := &b.Passengers[i]
		if err := q.QueryRowContext(ctx, `
			INSERT INTO pnr_passengers (locator, pax_type, first_name, last_name, date_of_birth, ff_number)
			VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
			b.Locator, p.Type, p.FirstName, p.LastName, db.NullTime(p.DateOfBirth), db.NullString(p.FFNumber)).Scan(&p.ID); err != nil {
			return err
		}
	}
	for i := range b.Segments {
		sg := &b.Segments[i]
		if err := q.QueryRowContext(ctx, `
			INSERT INTO pnr_segments (locator, seq, flight_id, booking_class, status)
			VALUES ($1,$2,$3,$4,$5) RETURNING id`,
			b.Locator, i+1, sg.FlightID, sg.BookingClass, sg.Status).Scan(&sg.ID); err != nil {
			return err
		}
	}
	b.Version = 1
	return nil
}

// Get loads a booking. Segments are joined with flights so that the API can
// show times without a second round trip.
func (s *Store) Get(ctx context.Context, locator string) (*domain.Booking, error) {
	q := db.Q(ctx, s.DB)
	b := &domain.Booking{}
	err := q.QueryRowContext(ctx, `
		SELECT locator, status, contact_email, contact_phone, total_minor, currency, quote_id,
		       fare_basis, hold_expires, created_at, version
		FROM pnrs WHERE locator = $1`, locator).Scan(&b.Locator, &b.Status, &b.ContactEmail, &b.ContactPhone,
		&b.Total.Minor, &b.Total.Currency, &b.QuoteID, &b.FareBasis, &b.HoldExpires, &b.CreatedAt, &b.Version)
	if db.NotFound(err) {
		return nil, errs.NotFound("booking.get", "booking %s", locator)
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `
		SELECT id, pax_type, first_name, last_name, coalesce(date_of_birth, '0001-01-01'), coalesce(ff_number, '')
		FROM pnr_passengers WHERE locator = $1 ORDER BY id`, locator)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p models.Passenger
		if err := rows.Scan(&p.ID, &p.Type, &p.FirstName, &p.LastName, &p.DateOfBirth, &p.FFNumber); err != nil {
			rows.Close()
			return nil, err
		}
		b.Passengers = append(b.Passengers, p)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `
		SELECT s.id, s.flight_id, s.booking_class, s.status,
		       f.carrier, f.flight_number, f.origin, f.destination, coalesce(f.etd, f.std), f.sta, f.status
		FROM pnr_segments s JOIN flights f ON f.id = s.flight_id
		WHERE s.locator = $1 ORDER BY s.seq`, locator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sg models.Segment
		f := &models.FlightSummary{}
		if err := rows.Scan(&sg.ID, &sg.FlightID, &sg.BookingClass, &sg.Status, &f.Carrier, &f.Number,
			&f.Origin, &f.Destination, &f.DepartureUTC, &f.ArrivalUTC, &f.Status); err != nil {
			return nil, err
		}
		f.FlightID = sg.FlightID
		sg.Flight = f
		b.Segments = append(b.Segments, sg)
	}
	return b, rows.Err()
}

// Update saves status and segment changes with optimistic locking and
// appends the history lines.
func (s *Store) Update(ctx context.Context, b *domain.Booking, history []string, actor string) error {
	q := db.Q(ctx, s.DB)
	res, err := q.ExecContext(ctx, `
		UPDATE pnrs SET status = $2, contact_email = $3, contact_phone = $4, version = version + 1
		WHERE locator = $1 AND version = $5`, b.Locator, b.Status, b.ContactEmail, b.ContactPhone, b.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("booking.update", "booking %s was modified concurrently", b.Locator)
	}
	b.Version++
	for _, sg := range b.Segments {
		if _, err := q.ExecContext(ctx, `UPDATE pnr_segments SET status = $2, flight_id = $3 WHERE id = $1`,
			sg.ID, sg.Status, sg.FlightID); err != nil {
			return err
		}
	}
	for _, h := range history {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO pnr_history (locator, actor, entry, created_at) VALUES ($1, $2, $3, now())`,
			b.Locator, actor, h); err != nil {
			return err
		}
	}
	return nil
}

// ExpiredHolds lists held bookings whose hold has lapsed.
func (s *Store) ExpiredHolds(ctx context.Context, now time.Time, limit int) ([]string, error) {
	return s.locators(ctx, `SELECT locator FROM pnrs WHERE status = 'HELD' AND hold_expires < $1
		ORDER BY hold_expires LIMIT $2`, now, limit)
}

// OnFlight lists active bookings with a segment on the flight.
func (s *Store) OnFlight(ctx context.Context, flightID int64) ([]string, error) {
	return s.locators(ctx, `SELECT DISTINCT p.locator FROM pnrs p
		JOIN pnr_segments s ON s.locator = p.locator
		WHERE s.flight_id = $1 AND s.status <> 'XX' AND p.status <> 'CANCELLED'`, flightID)
}

func (s *Store) locators(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// PassengerByName finds a passenger on a booking by surname, as used by
// self-service check-in and manage-booking logins.
func (s *Store) PassengerByName(ctx context.Context, locator, lastName string) (models.Passenger, error) {
	var p models.Passenger
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, `
		SELECT id, pax_type, first_name, last_name, coalesce(ff_number, '')
		FROM pnr_passengers WHERE locator = $1 AND last_name = upper($2) LIMIT 1`, locator, lastName).
		Scan(&p.ID, &p.Type, &p.FirstName, &p.LastName, &p.FFNumber)
	if db.NotFound(err) {
		return p, errs.NotFound("booking.passenger", "no passenger %s on %s", lastName, locator)
	}
	return p, err
}
