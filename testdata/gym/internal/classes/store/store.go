// Package store persists class types, scheduled sessions, bookings and the waitlist.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
)

type Store struct{ db *sql.DB }

func New(conn *sql.DB) *Store { return &Store{db: conn} }

func (s *Store) DB() *sql.DB { return s.db }

const sessionCols = `s.id, s.club_id, s.class_type_id, t.name, s.instructor_id, s.studio_id, s.starts_at, s.ends_at, s.capacity,
	(SELECT count(*) FROM class_bookings b WHERE b.session_id = s.id AND b.status IN ('booked','attended')), s.cancelled`

func scanSession(row interface{ Scan(...any) error }) (models.ClassSession, error) {
	var c models.ClassSession
	err := row.Scan(&c.ID, &c.ClubID, &c.ClassTypeID, &c.Title, &c.InstructorID, &c.StudioID, &c.StartsAt, &c.EndsAt, &c.Capacity, &c.Booked, &c.Cancelled)
	return c, err
}

func (s *Store) Session(ctx context.Context, q db.Querier, id string) (models.ClassSession, error) {
	c, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionCols+` FROM class_sessions s
		JOIN class_types t ON t.id = s.class_type_id WHERE s.id = $1`, id))
	return c, db.NotFound(err, "class session")
}

// LockSession takes a row lock so concurrent bookings cannot overfill.
func (s *Store) LockSession(ctx context.Context, tx *sql.Tx, id string) error {
	_, err := tx.ExecContext(ctx, `SELECT 1 FROM class_sessions WHERE id = $1 FOR UPDATE`, id)
	return err
}

func (s *Store) Timetable(ctx context.Context, clubID string, from, to time.Time) ([]models.ClassSession, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionCols+` FROM class_sessions s
		JOIN class_types t ON t.id = s.class_type_id
		WHERE s.club_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 ORDER BY s.starts_at`, clubID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.ClassSession
	for rows.Next() {
		c, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) InsertSession(ctx context.Context, q db.Querier, c models.ClassSession) error {
	_, err := q.ExecContext(ctx, `INSERT INTO class_sessions (id, club_id, class_type_id, instructor_id, studio_id, starts_at, ends_at, capacity, cancelled)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,false) ON CONFLICT (club_id, studio_id, starts_at) DO NOTHING`,
		c.ID, c.ClubID, c.ClassTypeID, c.InstructorID, c.StudioID, c.StartsAt, c.EndsAt, c.Capacity)
	return err
}

func (s *Store) CancelSession(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE class_sessions SET cancelled = true WHERE id = $1 AND NOT cancelled`, id)
	if err != nil {
		return err
	}
	return db.RowsAffected(res, "class session")
}

func (s *Store) Booking(ctx context.Context, q db.Querier, sessionID, memberID string) (models.Booking, error) {
	var b models.Booking
	err := q.QueryRowContext(ctx, `SELECT id, session_id, member_id, status, created_at FROM class_bookings
		WHERE session_id = $1 AND member_id = $2 AND status <> 'cancelled'`, sessionID, memberID).
		Scan(&b.ID, &b.SessionID, &b.MemberID, &b.Status, &b.CreatedAt)
	return b, db.NotFound(err, "booking")
}

func (s *Store) InsertBooking(ctx context.Context, q db.Querier, b models.Booking) error {
	_, err := q.ExecContext(ctx, `INSERT INTO class_bookings (id, session_id, member_id, status, created_at) VALUES ($1,$2,$3,$4,$5)`,
		b.ID, b.SessionID, b.MemberID, b.Status, b.CreatedAt)
	return err
}

func (s *Store) SetBookingStatus(ctx context.Context, q db.Querier, id, status string) error {
	_, err := q.ExecContext(ctx, `UPDATE class_bookings SET status = $2, updated_at = now() WHERE id = $1`, id, status)
	return err
}

// BookingsForSession lists the booked members (register for the instructor).
func (s *Store) BookingsForSession(ctx context.Context, sessionID string) ([]models.Booking, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, session_id, member_id, status, created_at FROM class_bookings
		WHERE session_id = $1 AND status <> 'cancelled' ORDER BY created_at`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Booking
	for rows.Next() {
		var b models.Booking
		if err := rows.Scan(&b.ID, &b.SessionID, &b.MemberID, &b.Status, &b.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// MarkNoShows flags bookings not attended for sessions that ended.
func (s *Store) MarkNoShows(ctx context.Context, before time.Time) ([]models.Booking, error) {
	rows, err := s.db.QueryContext(ctx, `UPDATE class_bookings b SET status = 'no_show'
		FROM class_sessions s WHERE s.id = b.session_id AND s.ends_at < $1 AND b.status = 'booked' AND NOT s.cancelled
		RETURNING b.id, b.session_id, b.member_id`, before)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Booking
	for rows.Next() {
		b := models.Booking{Status: "no_show"}
		if err := rows.Scan(&b.ID, &b.SessionID, &b.MemberID); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
