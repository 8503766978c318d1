// Package store persists raw watch events and the derived per-title progress.
package store

import (
	"context"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Store is the Postgres-backed watch history store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

// InsertEvent appends a raw event.
func (s *Store) InsertEvent(ctx context.Context, e models.WatchEvent) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO watch_events (profile_id, title_id, episode_id, session_id, position_sec, duration_sec, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ProfileID, e.TitleID, e.EpisodeID, e.SessionID, e.PositionSec, e.DurationSec, e.At)
	return errs.Wrap("history.store.InsertEvent", err)
}

// UpsertProgress stores the latest position, never moving updated_at backwards.
func (s *Store) UpsertProgress(ctx context.Context, p models.WatchProgress) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO watch_progress (profile_id, title_id, episode_id, position_sec, duration_sec, completed, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (profile_id, title_id, episode_id) DO UPDATE SET
			position_sec = EXCLUDED.position_sec, duration_sec = EXCLUDED.duration_sec,
			completed = watch_progress.completed OR EXCLUDED.completed, updated_at = EXCLUDED.updated_at
		WHERE watch_progress.updated_at <= EXCLUDED.updated_at`,
		p.ProfileID, p.TitleID, p.EpisodeID, p.PositionSec, p.DurationSec, p.Completed, p.UpdatedAt)
	return errs.Wrap("history.store.UpsertProgress", err)
}

// ContinueWatching returns the most recent progress rows per title, with names and
// the next episode for series.
func (s *Store) ContinueWatching(ctx context.Context, profileID string, limit int) ([]models.ContinueWatchingItem, []bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT ON (wp.title_id)
			wp.title_id, t.name, wp.episode_id, COALESCE(e.name, ''), wp.position_sec, wp.duration_sec, wp.completed,
			COALESCE(nxt.id, '')
		FROM watch_progress wp
		JOIN titles t ON t.id = wp.title_id
		LEFT JOIN episodes e ON e.id = NULLIF(wp.episode_id, '')
		LEFT JOIN LATERAL (
			SELECT n.id FROM episodes n
			WHERE n.title_id = wp.title_id AND n.playable = TRUE
			  AND (n.season_number, n.number) > (e.season_number, e.number)
			ORDER BY n.season_number, n.number LIMIT 1
		) nxt ON TRUE
		WHERE wp.profile_id = $1 AND wp.updated_at > now() - interval '90 days'
		ORDER BY wp.title_id, wp.updated_at DESC
		LIMIT $2`, profileID, limit)
	if err != nil {
		return nil, nil, errs.Wrap("history.store.ContinueWatching", err)
	}
	defer rows.Close()
	var items []models.ContinueWatchingItem
	var completed []bool
	for rows.Next() {
		var it models.ContinueWatchingItem
		var done bool
		if err := rows.Scan(&it.TitleID, &it.TitleName, &it.EpisodeID, &it.EpisodeName, &it.PositionSec, &it.DurationSec,
			&done, &it.NextEpisodeID); err != nil {
			return nil, nil, err
		}
		items = append(items, it)
		completed = append(completed, done)
	}
	return items, completed, rows.Err()
}

// RecentTitleIDs returns titles a profile watched since t, most recent first.
func (s *Store) RecentTitleIDs(ctx context.Context, profileID string, since time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT title_id FROM watch_progress WHERE profile_id = $1 AND updated_at >= $2
		GROUP BY title_id ORDER BY max(updated_at) DESC`, profileID, since)
	if err != nil {
		return nil, errs.Wrap("history.store.RecentTitleIDs", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// DeleteForProfile erases a profile's history (GDPR / profile deletion).
func (s *Store) DeleteForProfile(ctx context.Context, profileID string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM watch_events WHERE profile_id = $1`, profileID); err != nil {
		return errs.Wrap("history.store.DeleteForProfile", err)
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM watch_progress WHERE profile_id = $1`, profileID)
	return errs.Wrap("history.store.DeleteForProfile", err)
}

// EventsAfter pages through events by id for backfills.
func (s *Store) EventsAfter(ctx context.Context, afterID int64, limit int) ([]models.WatchEvent, int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, profile_id, title_id, episode_id, session_id, position_sec, duration_sec, at
		FROM watch_events WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, afterID, errs.Wrap("history.store.EventsAfter", err)
	}
	defer rows.Close()
	var out []models.WatchEvent
	last := afterID
	for rows.Next() {
		var e models.WatchEvent
		if err := rows.Scan(&last, &e.ProfileID, &e.TitleID, &e.EpisodeID, &e.SessionID, &e.PositionSec, &e.DurationSec, &e.At); err != nil {
			return nil, afterID, err
		}
		out = append(out, e)
	}
	return out, last, rows.Err()
}
