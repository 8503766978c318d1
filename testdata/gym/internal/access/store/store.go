// Package store persists check-ins and door devices.
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

type Device struct {
	ID       string
	ClubID   string
	Kind     string // turnstile, door, kiosk
	SecretH  string
	Disabled bool
}

func (s *Store) Device(ctx context.Context, id string) (Device, error) {
	var d Device
	err := s.db.QueryRowContext(ctx, `SELECT id, club_id, kind, secret_hash, disabled FROM door_devices WHERE id = $1`, id).
		Scan(&d.ID, &d.ClubID, &d.Kind, &d.SecretH, &d.Disabled)
	return d, db.NotFound(err, "device")
}

func (s *Store) TouchDevice(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE door_devices SET last_seen_at = now() WHERE id = $1`, id)
	return err
}

func (s *Store) Insert(ctx context.Context, c models.CheckIn) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO check_ins (id, member_id, club_id, device_id, at, allowed, reason)
		VALUES ($1,$2,$3,$4,$5,$6,$7)`, c.ID, c.MemberID, c.ClubID, c.DeviceID, c.At, c.Allowed, c.Reason)
	return err
}

// LastAllowed returns the last successful check-in time for anti-passback.
func (s *Store) LastAllowed(ctx context.Context, memberID string) (time.Time, error) {
	var t sql.NullTime
	err := s.db.QueryRowContext(ctx, `SELECT max(at) FROM check_ins WHERE member_id = $1 AND allowed`, memberID).Scan(&t)
	return t.Time, err
}

// Occupancy estimates people in the club: allowed check-ins in the last 90 minutes.
func (s *Store) Occupancy(ctx context.Context, clubID string, now time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT member_id) FROM check_ins
		WHERE club_id = $1 AND allowed AND at > $2`, clubID, now.Add(-90*time.Minute)).Scan(&n)
	return n, err
}

func (s *Store) History(ctx context.Context, memberID string, limit int) ([]models.CheckIn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, member_id, club_id, device_id, at, allowed, reason
		FROM check_ins WHERE member_id = $1 ORDER BY at DESC LIMIT $2`, memberID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.CheckIn
	for rows.Next() {
		var c models.CheckIn
		if err := rows.Scan(&c.ID, &c.MemberID, &c.ClubID, &c.DeviceID, &c.At, &c.Allowed, &c.Reason); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
