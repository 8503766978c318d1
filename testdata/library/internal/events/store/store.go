// Package store persists library programs (story time, ESL circles, author
// talks) and member registrations with a waitlist.
package store

import (
	"context"
	"database/sql"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/db"
)

type Program struct {
	ID          int64     `json:"id"`
	BranchID    int64     `json:"branch_id"`
	RoomID      *int64    `json:"room_id,omitempty"`
	BookingID   *int64    `json:"booking_id,omitempty"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Audience    string    `json:"audience"` // children, teens, adults, all
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Capacity    int       `json:"capacity"` // 0 = drop-in, no registration
	Status      string    `json:"status"`
	Registered  int       `json:"registered"`
}

type Registration struct {
	ID        int64     `json:"id"`
	EventID   int64     `json:"event_id"`
	MemberID  int64     `json:"member_id"`
	Status    string    `json:"status"` // registered, waitlisted, cancelled, attended
	CreatedAt time.Time `json:"created_at"`
}

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

const cols = `e.id, e.branch_id, e.room_id, e.booking_id, e.title, e.description, e.audience, e.starts_at, e.ends_at,
	e.capacity, e.status,
	(SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered')`

func scan(row interface{ Scan(...any) error }) (*Program, error) {
	var p Program
	var room, booking sql.NullInt64
	err := row.Scan(&p.ID, &p.BranchID, &room, &booking, &p.Title, &p.Description, &p.Audience, &p.StartsAt, &p.EndsAt,
		&p.Capacity, &p.Status, &p.Registered)
	p.RoomID, p.BookingID = db.PtrInt64(room), db.PtrInt64(booking)
	return &p, err
}

func (s *Store) Create(ctx context.Context, p *Program) error {
	p.Status = "scheduled"
	return s.db.QueryRowContext(ctx,
		`INSERT INTO events (branch_id, room_id, booking_id, title, description, audience, starts_at, ends_at, capacity, status)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'scheduled') RETURNING id`,
		p.BranchID, db.NullInt64(p.RoomID), db.NullInt64(p.BookingID), p.Title, p.Description, p.Audience,
		p.StartsAt, p.EndsAt, p.Capacity).Scan(&p.ID)
}

func (s *Store) Get(ctx context.Context, id int64) (*Program, error) {
	p, err := scan(s.db.QueryRowContext(ctx, `SELECT `+cols+` FROM events e WHERE e.id = $1`, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("event", id)
	}
	return p, err
}

func (s *Store) Upcoming(ctx context.Context, branchID int64, audience string, from time.Time, limit int) ([]Program, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT `+cols+` FROM events e
		 WHERE e.status = 'scheduled' AND e.starts_at >= $1 AND ($2 = 0 OR e.branch_id = $2)
		   AND ($3 = '' OR e.audience IN ($3, 'all'))
		 ORDER BY e.starts_at LIMIT $4`, from, branchID, audience, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Program
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// Register adds a member, waitlisting when the program is full.
func (s *Store) Register(ctx context.Context, eventID, memberID int64) (*Registration, error) {
	r := &Registration{EventID: eventID, MemberID: memberID}
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		var capacity int
		if err := tx.QueryRowContext(ctx,
			`SELECT capacity FROM events WHERE id = $1 AND status = 'scheduled' FOR UPDATE`, eventID).Scan(&capacity); err != nil {
			if db.IsNoRows(err) {
				return apperr.NotFound("scheduled event", eventID)
			}
			return err
		}
		var taken int
		if err := tx.QueryRowContext(ctx,
			`SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'registered'`, eventID).Scan(&taken); err != nil {
			return err
		}
		r.Status = "registered"
		if taken >= capacity {
			r.Status = "waitlisted"
		}
		return tx.QueryRowContext(ctx,
			`INSERT INTO event_registrations (event_id, member_id, status, created_at) VALUES ($1, $2, $3, now())
			 ON CONFLICT (event_id, member_id) DO UPDATE SET status = EXCLUDED.status, created_at = now()
			   WHERE event_registrations.status = 'cancelled'
			 RETURNING id, created_at`, eventID, memberID, r.Status).Scan(&r.ID, &r.CreatedAt)
	})
	if db.IsNoRows(err) {
		return nil, apperr.Conflict("already_registered", "member is already registered")
	}
	return r, err
}

// Unregister cancels a registration and promotes the head of the
// waitlist. It returns the promoted member, or 0.
func (s *Store) Unregister(ctx context.Context, eventID, memberID int64) (promoted int64, err error) {
	err = s.db.WithTx(ctx, func(tx *sql.Tx) error {
		var was string
		if err := tx.QueryRowContext(ctx,
			`UPDATE event_registrations SET status = 'cancelled' WHERE event_id = $1 AND member_id = $2
			 AND status IN ('registered', 'waitlisted')
			 RETURNING (SELECT status FROM event_registrations WHERE event_id = $1 AND member_id = $2)`,
			eventID, memberID).Scan(&was); err != nil {
			if db.IsNoRows(err) {
				return apperr.NotFound("registration", memberID)
			}
			return err
		}
		if was != "registered" {
			return nil
		}
		err := tx.QueryRowContext(ctx,
			`UPDATE event_registrations SET status = 'registered' WHERE id = (
			   SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'waitlisted'
			   ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
			 RETURNING member_id`, eventID).Scan(&promoted)
		if db.IsNoRows(err) {
			return nil
		}
		return err
	})
	return promoted, err
}

// Cancel marks the program cancelled and returns everyone registered.
func (s *Store) Cancel(ctx context.Context, eventID int64) ([]int64, error) {
	var members []int64
	err := s.db.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE events SET status = 'cancelled' WHERE id = $1`, eventID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx,
			`UPDATE event_registrations SET status = 'cancelled' WHERE event_id = $1 AND status IN ('registered', 'waitlisted')
			 RETURNING member_id`, eventID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			members = append(members, id)
		}
		return rows.Err()
	})
	return members, err
}
