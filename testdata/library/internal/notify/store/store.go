// Package store holds the outbound notification queue and each member's
// contact preferences.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"citylib.org/ils/db"
)

type Notification struct {
	ID        int64           `json:"id"`
	MemberID  int64           `json:"member_id"`
	Channel   string          `json:"channel"` // email, sms
	Template  string          `json:"template"`
	Payload   json.RawMessage `json:"payload"`
	Attempts  int             `json:"attempts"`
	SendAfter time.Time       `json:"send_after"`
}

// Recipient is everything needed to address a member.
type Recipient struct {
	MemberID  int64
	FirstName string
	Email     string
	Phone     string
	Channels  []string // preferred channels, in order
	Language  string
	OptOut    map[string]bool // per template opt-outs (e.g. "membership_expiring")
}

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

func (s *Store) Enqueue(ctx context.Context, n *Notification) error {
	if n.SendAfter.IsZero() {
		n.SendAfter = time.Now()
	}
	return s.db.QueryRowContext(ctx,
		`INSERT INTO notifications (member_id, channel, template, payload, status, attempts, send_after, created_at)
		 VALUES ($1, $2, $3, $4, 'pending', 0, $5, now()) RETURNING id`,
		n.MemberID, n.Channel, n.Template, []byte(n.Payload), n.SendAfter).Scan(&n.ID)
}

// Claim locks up to limit due notifications for this worker.
func (s *Store) Claim(ctx context.Context, limit int) ([]Notification, error) {
	rows, err := s.db.QueryContext(ctx,
		`UPDATE notifications SET status = 'sending', claimed_at = now()
		 WHERE id IN (SELECT id FROM notifications WHERE status = 'pending' AND send_after <= now()
		              ORDER BY send_after LIMIT $1 FOR UPDATE SKIP LOCKED)
		 RETURNING id, member_id, channel, template, payload, attempts, send_after`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var payload []byte
		if err := rows.Scan(&n.ID, &n.MemberID, &n.Channel, &n.Template, &payload, &n.Attempts, &n.SendAfter); err != nil {
			return nil, err
		}
		n.Payload = payload
		out = append(out, n)
	}
	return out, rows.Err()
}

func (s *Store) MarkSent(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE notifications SET status = 'sent', sent_at = now() WHERE id = $1`, id)
	return err
}

// MarkFailed reschedules with exponential backoff, giving up after 5 tries.
func (s *Store) MarkFailed(ctx context.Context, n Notification, reason string) error {
	status := "pending"
	if n.Attempts+1 >= 5 {
		status = "failed"
	}
	next := time.Now().Add(time.Duration(1<<n.Attempts) * 5 * time.Minute)
	_, err := s.db.ExecContext(ctx,
		`UPDATE notifications SET status = $2, attempts = attempts + 1, send_after = $3, last_error = $4 WHERE id = $1`,
		n.ID, status, next, reason)
	return err
}

// Recipient loads contact details and preferences for a member.
func (s *Store) Recipient(ctx context.Context, memberID int64) (*Recipient, error) {
	r := &Recipient{MemberID: memberID, OptOut: map[string]bool{}}
	var channels sql.NullString
	var optouts []byte
	err := s.db.QueryRowContext(ctx,
		`SELECT m.first_name, COALESCE(m.email, ''), COALESCE(m.phone, ''),
		        p.channels, COALESCE(p.language, 'en'), COALESCE(p.opt_outs, '[]')
		 FROM members m LEFT JOIN notification_preferences p ON p.member_id = m.id
		 WHERE m.id = $1`, memberID).Scan(&r.FirstName, &r.Email, &r.Phone, &channels, &r.Language, &optouts)
	if err != nil {
		return nil, err
	}
	if channels.Valid && channels.String != "" {
		_ = json.Unmarshal([]byte(channels.String), &r.Channels)
	}
	if len(r.Channels) == 0 {
		if r.Email != "" {
			r.Channels = []string{"email"}
		} else if r.Phone != "" {
			r.Channels = []string{"sms"}
		}
	}
	var outs []string
	_ = json.Unmarshal(optouts, &outs)
	for _, o := range outs {
		r.OptOut[o] = true
	}
	return r, nil
}

// Reschedule puts a claimed notification back without counting an attempt.
func (s *Store) Reschedule(ctx context.Context, id int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE notifications SET status = 'pending', send_after = $2 WHERE id = $1`, id, at)
	return err
}
