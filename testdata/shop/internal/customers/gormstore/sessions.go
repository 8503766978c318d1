package gormstore

import (
	"context"
	"fmt"
	"time"
)

// Session is a login session. It has no model type of its own in
// internal/models; it is stored in the "sessions" table.
type Session struct {
	Token      string    `gorm:"primaryKey;size:64"`
	CustomerID string    `gorm:"index;size:32"`
	UserAgent  string    `gorm:"size:200"`
	ExpiresAt  time.Time `gorm:"index"`
	CreatedAt  time.Time
}

const (
	sessionsTable       = "sessions"
	deleteSessionSQL    = `DELETE FROM sessions WHERE token = ?`
	deleteSessionsOfSQL = `DELETE FROM sessions WHERE customer_id = ?`
	purgeSessionsSQL    = `DELETE FROM sessions WHERE expires_at < ?`
)

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess *Session) error {
	if err := s.db.WithContext(ctx).Table(sessionsTable).Create(sess).Error; err != nil {
		return fmt.Errorf("customers: create session: %w", err)
	}
	return nil
}

// Session loads an unexpired session.
func (s *Store) Session(ctx context.Context, token string, now time.Time) (*Session, error) {
	var sess Session
	err := s.db.WithContext(ctx).Table(sessionsTable).Where("token = ? AND expires_at > ?", token, now).First(&sess).Error
	if err != nil {
		return nil, wrap(err, "session", "…")
	}
	return &sess, nil
}

// ExtendSession pushes the expiry of a session.
func (s *Store) ExtendSession(ctx context.Context, token string, until time.Time) error {
	return s.db.WithContext(ctx).Table(sessionsTable).Where("token = ?", token).Update("expires_at", until).Error
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.db.WithContext(ctx).Exec(deleteSessionSQL, token).Error
}

// PurgeSessions deletes sessions that expired before the given time.
func (s *Store) PurgeSessions(ctx context.Context, before time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Exec(purgeSessionsSQL, before)
	if res.Error != nil {
		return 0, fmt.Errorf("customers: purge sessions: %w", res.Error)
	}
	return res.RowsAffected, nil
}
