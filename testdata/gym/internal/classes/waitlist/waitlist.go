// Package waitlist queues members for full classes and promotes them when a place frees up.
package waitlist

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/classes/booking"
	"github.com/pulsefit/clubs/internal/classes/store"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/notify"
)

// MaxLength is the longest waitlist we keep per session.
const MaxLength = 10

type Service struct {
	db       *sql.DB
	store    *store.Store
	bookings *booking.Service
	mail     notify.Sender
}

func New(conn *sql.DB, st *store.Store, b *booking.Service, mail notify.Sender) *Service {
	return &Service{db: conn, store: st, bookings: b, mail: mail}
}

// Join puts a member on the waitlist and returns their position.
func (s *Service) Join(ctx context.Context, sessionID, memberID string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM class_waitlist WHERE session_id = $1`, sessionID).Scan(&n); err != nil {
		return 0, err
	}
	if n >= MaxLength {
		return 0, errs.Conflict("waitlist is full")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO class_waitlist (session_id, member_id, joined_at) VALUES ($1,$2,now())
		ON CONFLICT (session_id, member_id) DO NOTHING`, sessionID, memberID)
	return n + 1, err
}

func (s *Service) Leave(ctx context.Context, sessionID, memberID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM class_waitlist WHERE session_id = $1 AND member_id = $2`, sessionID, memberID)
	return err
}

// OnBookingCancelled promotes the first eligible waiting member.
func (s *Service) OnBookingCancelled(ctx context.Context, e events.Event) error {
	var p struct {
		SessionID string `json:"session_id"`
		By        string `json:"by"`
	}
	if err := e.Decode(&p); err != nil || p.By == "club" {
		return err
	}
	cs, err := s.store.Session(ctx, s.db, p.SessionID)
	if err != nil {
		return err
	}
	if cs.StartsAt.Before(time.Now().Add(30 * time.Minute)) {
		return nil // too late to promote
	}
	rows, err := s.db.QueryContext(ctx, `SELECT w.member_id, m.email, m.first_name FROM class_waitlist w
		JOIN members m ON m.id = w.member_id WHERE w.session_id = $1 ORDER BY w.joined_at`, p.SessionID)
	if err != nil {
		return err
	}
	type waiter struct{ id, email, name string }
	var ws []waiter
	for rows.Next() {
		var w waiter
		if err := rows.Scan(&w.id, &w.email, &w.name); err != nil {
			rows.Close()
			return err
		}
		ws = append(ws, w)
	}
	rows.Close()
	for _, w := range ws {
		if _, err := s.bookings.Book(ctx, p.SessionID, w.id); err != nil {
			continue // not eligible any more, try the next one
		}
		_ = s.Leave(ctx, p.SessionID, w.id)
		_ = s.mail.Send(ctx, notify.Message{To: w.email, Subject: "You're in!", Template: "waitlist_promoted",
			Data: map[string]any{"Class": cs.Title, "StartsAt": cs.StartsAt.Format("Mon 15:04")}})
		return nil
	}
	return nil
}
