// Package postgres persists tickets and coupons.
package postgres

import (
	"context"
	"database/sql"

	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
)

type Store struct{ DB *sql.DB }

func New(d *sql.DB) *Store { return &Store{DB: d} }

// NextSerial draws from the ticket number sequence.
func (s *Store) NextSerial(ctx context.Context) (int64, error) {
	var n int64
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, `SELECT nextval('ticket_serial_seq')`).Scan(&n)
	return n, err
}

// Insert stores a ticket, its coupons and the form of payment.
func (s *Store) Insert(ctx context.Context, t models.Ticket, fareCalc, paymentRef string) error {
	q := db.Q(ctx, s.DB)
	if _, err := q.ExecContext(ctx, `
		INSERT INTO tickets (number, locator, passenger_id, fare_basis, total_minor, currency,
			fare_calc, payment_ref, issued_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
		t.Number, t.Locator, t.PassengerID, t.FareBasis, t.Total.Minor, t.Total.Currency,
		fareCalc, paymentRef, t.IssuedAt); err != nil {
		return err
	}
	for _, c := range t.Coupons {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO ticket_coupons (ticket_number, coupon_no, segment_id, flight_id, status)
			VALUES ($1,$2,$3,$4,$5)`, t.Number, c.Number, c.SegmentID, c.FlightID, c.Status); err != nil {
			return err
		}
	}
	return nil
}

// ForBooking returns all tickets of a booking with coupons.
func (s *Store) ForBooking(ctx context.Context, locator string) ([]models.Ticket, error) {
	rows, err := db.Q(ctx, s.DB).QueryContext(ctx, `
		SELECT t.number, t.locator, t.passenger_id, t.fare_basis, t.total_minor, t.currency, t.issued_at,
		       c.coupon_no, c.segment_id, c.flight_id, c.status
		FROM tickets t JOIN ticket_coupons c ON c.ticket_number = t.number
		WHERE t.locator = $1 ORDER BY t.number, c.coupon_no`, locator)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Ticket
	for rows.Next() {
		var t models.Ticket
		var c models.Coupon
		if err := rows.Scan(&t.Number, &t.Locator, &t.PassengerID, &t.FareBasis, &t.Total.Minor,
			&t.Total.Currency, &t.IssuedAt, &c.Number, &c.SegmentID, &c.FlightID, &c.Status); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].Number == t.Number {
			out[n-1].Coupons = append(out[n-1].Coupons, c)
			continue
		}
		t.Coupons = []models.Coupon{c}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Coupon finds the coupon of a passenger on a flight.
func (s *Store) Coupon(ctx context.Context, passengerID, flightID int64) (string, models.Coupon, error) {
	var num string
	var c models.Coupon
	err := db.Q(ctx, s.DB).QueryRowContext(ctx, `
		SELECT t.number, c.coupon_no, c.segment_id, c.flight_id, c.status
		FROM ticket_coupons c JOIN tickets t ON t.number = c.ticket_number
		WHERE t.passenger_id = $1 AND c.flight_id = $2 AND NOT t.voided`, passengerID, flightID).
		Scan(&num, &c.Number, &c.SegmentID, &c.FlightID, &c.Status)
	if db.NotFound(err) {
		return "", c, errs.NotFound("ticket.coupon", "no ticket for passenger %d on flight %d", passengerID, flightID)
	}
	return num, c, err
}

func (s *Store) SetCouponStatus(ctx context.Context, number string, couponNo int, st models.CouponStatus) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `
		UPDATE ticket_coupons SET status = $3, status_changed_at = now()
		WHERE ticket_number = $1 AND coupon_no = $2`, number, couponNo, st)
	return err
}

// FlyFlight marks all boarded coupons of a departed flight as flown and
// checked-in-but-not-boarded ones back to open (no-show).
func (s *Store) FlyFlight(ctx context.Context, flightID int64) (flown, noshow int64, err error) {
	q := db.Q(ctx, s.DB)
	r, err := q.ExecContext(ctx, `UPDATE ticket_coupons SET status = 'F', status_changed_at = now()
		WHERE flight_id = $1 AND status = 'B'`, flightID)
	if err != nil {
		return 0, 0, err
	}
	flown, _ = r.RowsAffected()
	r, err = q.ExecContext(ctx, `UPDATE ticket_coupons SET status = 'O', status_changed_at = now()
		WHERE flight_id = $1 AND status = 'C'`, flightID)
	if err != nil {
		return flown, 0, err
	}
	noshow, _ = r.RowsAffected()
	return flown, noshow, nil
}

// Reissue moves open coupons from one flight to another (involuntary change).
func (s *Store) Reissue(ctx context.Context, segmentID, newFlightID int64) error {
	_, err := db.Q(ctx, s.DB).ExecContext(ctx, `UPDATE ticket_coupons SET flight_id = $2, status_changed_at = now()
		WHERE segment_id = $1 AND status = 'O'`, segmentID, newFlightID)
	return err
}
