// Package store persists recommendation slates and title similarity, and reads
// the viewing signals the recommender is trained on.
package store

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Store is the Postgres-backed recommendations store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

// Similar is a similar-title edge.
type Similar struct {
	SourceTitleID string
	TitleID       string
	Name          string
	Score         float64
}

// GetSlate returns the cached slate for a profile.
func (s *Store) GetSlate(ctx context.Context, profileID string) ([]models.Recommendation, time.Time, error) {
	var raw []byte
	var at time.Time
	err := s.db.QueryRowContext(ctx, `SELECT payload, computed_at FROM recommendation_slates WHERE profile_id = $1`, profileID).Scan(&raw, &at)
	if dbx.IsNoRows(err) {
		return nil, time.Time{}, nil
	}
	if err != nil {
		return nil, time.Time{}, errs.Wrap("recs.store.GetSlate", err)
	}
	var recs []models.Recommendation
	if err := json.Unmarshal(raw, &recs); err != nil {
		return nil, time.Time{}, errs.Wrap("recs.store.GetSlate", err)
	}
	return recs, at, nil
}

// SaveSlate replaces the cached slate.
func (s *Store) SaveSlate(ctx context.Context, profileID string, recs []models.Recommendation, at time.Time) error {
	raw, err := json.Marshal(recs)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO recommendation_slates (profile_id, payload, computed_at) VALUES ($1, $2, $3)
		ON CONFLICT (profile_id) DO UPDATE SET payload = EXCLUDED.payload, computed_at = EXCLUDED.computed_at`, profileID, raw, at)
	return errs.Wrap("recs.store.SaveSlate", err)
}

// GenreAffinity weights genres by how much of them the profile watched recently.
func (s *Store) GenreAffinity(ctx context.Context, profileID string, since time.Time) (map[string]float64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT tg.genre_slug,
			SUM(LEAST(wp.position_sec::float / NULLIF(wp.duration_sec, 0), 1.0)) AS weight
		FROM watch_progress wp
		JOIN title_genres tg ON tg.title_id = wp.title_id
		WHERE wp.profile_id = $1 AND wp.updated_at >= $2
		GROUP BY tg.genre_slug
		ORDER BY weight DESC`, profileID, since)
	if err != nil {
		return nil, errs.Wrap("recs.store.GenreAffinity", err)
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var g string
		var w float64
		if err := rows.Scan(&g, &w); err != nil {
			return nil, err
		}
		out[g] = w
	}
	return out, rows.Err()
}

// SimilarTo returns the most similar playable titles to any of titleIDs.
func (s *Store) SimilarTo(ctx context.Context, titleIDs []string, limit int) ([]Similar, error) {
	if len(titleIDs) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(titleIDs)+1)
	for _, id := range titleIDs {
		args = append(args, id)
	}
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, `SELECT ts.title_id, ts.similar_title_id, t.name, ts.score
		FROM title_similarity ts
		JOIN titles t ON t.id = ts.similar_title_id AND t.playable = TRUE
		WHERE ts.title_id IN (`+dbx.Placeholders(1, len(titleIDs))+`)
		ORDER BY ts.score DESC LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, errs.Wrap("recs.store.SimilarTo", err)
	}
	defer rows.Close()
	var out []Similar
	for rows.Next() {
		var sm Similar
		if err := rows.Scan(&sm.SourceTitleID, &sm.TitleID, &sm.Name, &sm.Score); err != nil {
			return nil, err
		}
		out = append(out, sm)
	}
	return out, rows.Err()
}

// StaleProfiles lists profiles active since activeSince whose slate is older than staleBefore.
func (s *Store) StaleProfiles(ctx context.Context, activeSince, staleBefore time.Time, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT wp.profile_id
		FROM watch_progress wp
		LEFT JOIN recommendation_slates rs ON rs.profile_id = wp.profile_id
		WHERE wp.updated_at >= $1 AND (rs.computed_at IS NULL OR rs.computed_at < $2)
		GROUP BY wp.profile_id
		ORDER BY max(wp.updated_at) DESC
		LIMIT $3`, activeSince, staleBefore, limit)
	if err != nil {
		return nil, errs.Wrap("recs.store.StaleProfiles", err)
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

// RebuildSimilarity recomputes co-watch similarity over the last 90 days.
func (s *Store) RebuildSimilarity(ctx context.Context) (int64, error) {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM title_similarity`); err != nil {
		return 0, errs.Wrap("recs.store.RebuildSimilarity", err)
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO title_similarity (title_id, similar_title_id, score)
		SELECT a.title_id, b.title_id, count(DISTINCT a.profile_id)::float / (1 + ln(1 + count(*)))
		FROM watch_progress a
		JOIN watch_progress b ON b.profile_id = a.profile_id AND b.title_id <> a.title_id
		WHERE a.completed AND b.completed AND a.updated_at > now() - interval '90 days'
		GROUP BY a.title_id, b.title_id
		HAVING count(DISTINCT a.profile_id) >= 5`)
	if err != nil {
		return 0, errs.Wrap("recs.store.RebuildSimilarity", err)
	}
	return res.RowsAffected()
}
