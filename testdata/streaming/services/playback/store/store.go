// Package store persists playback sessions and issued DRM licenses.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Store is the Postgres-backed playback store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

const sessionColumns = `id, account_id, profile_id, title_id, COALESCE(episode_id, ''), device_id, territory, quality,
	with_ads, position_sec, started_at, last_heartbeat, ended_at`

func scanSession(row interface{ Scan(...any) error }) (models.PlaybackSession, error) {
	var s models.PlaybackSession
	var ended sql.NullTime
	err := row.Scan(&s.ID, &s.AccountID, &s.ProfileID, &s.TitleID, &s.EpisodeID, &s.DeviceID, &s.Territory, &s.Quality,
		&s.WithAds, &s.PositionSec, &s.StartedAt, &s.LastHeartbeat, &ended)
	s.EndedAt = dbx.TimePtr(ended)
	return s, err
}

// CreateSession inserts a new session.
func (s *Store) CreateSession(ctx context.Context, ps models.PlaybackSession) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO playback_sessions (id, account_id, profile_id, title_id, episode_id, device_id,
		territory, quality, with_ads, position_sec, started_at, last_heartbeat)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
		ps.ID, ps.AccountID, ps.ProfileID, ps.TitleID, dbx.NullString(ps.EpisodeID), ps.DeviceID, ps.Territory, ps.Quality,
		ps.WithAds, ps.PositionSec, ps.StartedAt)
	return errs.Wrap("playback.store.CreateSession", err)
}

// GetSession loads a session.
func (s *Store) GetSession(ctx context.Context, id string) (models.PlaybackSession, error) {
	ps, err := scanSession(s.db.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM playback_sessions WHERE id = $1`, id))
	if dbx.IsNoRows(err) {
		return ps, errs.E(errs.NotFound, "playback.store.GetSession", "session "+id+" not found")
	}
	return ps, errs.Wrap("playback.store.GetSession", err)
}

// ActiveSessions lists an account's open sessions with a heartbeat after since.
func (s *Store) ActiveSessions(ctx context.Context, accountID string, since time.Time) ([]models.PlaybackSession, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns+` FROM playback_sessions
		WHERE account_id = $1 AND ended_at IS NULL AND last_heartbeat >= $2 ORDER BY started_at`, accountID, since)
	if err != nil {
		return nil, errs.Wrap("playback.store.ActiveSessions", err)
	}
	defer rows.Close()
	var out []models.PlaybackSession
	for rows.Next() {
		ps, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ps)
	}
	return out, rows.Err()
}

// Heartbeat records the latest position.
func (s *Store) Heartbeat(ctx context.Context, id string, position int, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE playback_sessions SET position_sec = $2, last_heartbeat = $3
		WHERE id = $1 AND ended_at IS NULL`, id, position, at)
	if err != nil {
		return errs.Wrap("playback.store.Heartbeat", err)
	}
	if dbx.RowsAffectedOne(res) != nil {
		return errs.E(errs.Conflict, "playback.store.Heartbeat", "session already ended")
	}
	return nil
}

// EndSession closes a session.
func (s *Store) EndSession(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE playback_sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL`, id, at)
	return errs.Wrap("playback.store.EndSession", err)
}

// ReapStale closes sessions whose players went away without calling stop.
func (s *Store) ReapStale(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE playback_sessions SET ended_at = last_heartbeat
		WHERE ended_at IS NULL AND last_heartbeat < $1`, before)
	if err != nil {
		return 0, errs.Wrap("playback.store.ReapStale", err)
	}
	return res.RowsAffected()
}

// InsertLicense records an issued license (for audit and the per-session license cap).
func (s *Store) InsertLicense(ctx context.Context, l models.DRMLicense) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO drm_licenses (id, session_id, system, key_id, hdcp, expires_at, issued_at)
		VALUES ($1, $2, $3, $4, $5, $6, now())`, l.ID, l.SessionID, l.System, l.KeyID, l.HDCP, l.ExpiresAt)
	return errs.Wrap("playback.store.InsertLicense", err)
}

// LicenseCount counts licenses issued for a session.
func (s *Store) LicenseCount(ctx context.Context, sessionID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM drm_licenses WHERE session_id = $1`, sessionID).Scan(&n)
	return n, errs.Wrap("playback.store.LicenseCount", err)
}
