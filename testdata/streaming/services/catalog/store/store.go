// Package store persists the catalog: titles, episodes and genres.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/flickstream/api/models"
	"github.com/flickstream/api/pkg/dbx"
	"github.com/flickstream/api/pkg/errs"
)

// Store is the Postgres-backed catalog store.
type Store struct {
	db *dbx.DB
}

// New returns a Store.
func New(db *dbx.DB) *Store { return &Store{db: db} }

// Filter narrows ListTitles.
type Filter struct {
	Genre        string
	Kind         models.TitleKind
	MaxRating    int // rating level, -1 for no limit
	PlayableOnly bool
	Limit        int
	Offset       int
}

const titleColumns = `t.id, t.kind, t.name, t.synopsis, t.release_year, t.rating, t.runtime_minutes,
	t.original_language, t.playable, COALESCE(t.poster_url, ''), t.created_at, t.updated_at`

func scanTitle(row interface{ Scan(...any) error }) (models.Title, error) {
	var t models.Title
	var kind, rating string
	err := row.Scan(&t.ID, &kind, &t.Name, &t.Synopsis, &t.ReleaseYear, &rating, &t.RuntimeMinutes,
		&t.OriginalLang, &t.Playable, &t.PosterURL, &t.CreatedAt, &t.UpdatedAt)
	t.Kind = models.TitleKind(kind)
	t.Rating = models.MaturityRating(rating)
	return t, err
}

// GetTitle loads one title with its genres.
func (s *Store) GetTitle(ctx context.Context, id string) (models.Title, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+titleColumns+` FROM titles t WHERE t.id = $1 AND t.deleted_at IS NULL`, id)
	t, err := scanTitle(row)
	if dbx.IsNoRows(err) {
		return t, errs.E(errs.NotFound, "catalog.store.GetTitle", "title "+id+" not found")
	}
	if err != nil {
		return t, errs.Wrap("catalog.store.GetTitle", err)
	}
	genres, err := s.genresFor(ctx, []string{id})
	if err != nil {
		return t, err
	}
	t.Genres = genres[id]
	return t, nil
}

// ListTitles pages through titles matching f.
func (s *Store) ListTitles(ctx context.Context, f Filter) ([]models.Title, error) {
	var where []string
	var args []any
	where = append(where, "t.deleted_at IS NULL")
	if f.Genre != "" {
		args = append(args, f.Genre)
		where = append(where, fmt.Sprintf("EXISTS (SELECT 1 FROM title_genres tg WHERE tg.title_id = t.id AND tg.genre_slug = $%d)", len(args)))
	}
	if f.Kind != "" {
		args = append(args, string(f.Kind))
		where = append(where, fmt.Sprintf("t.kind = $%d", len(args)))
	}
	if f.PlayableOnly {
		where = append(where, "t.playable = TRUE")
	}
	args = append(args, f.Limit, f.Offset)
	q := `SELECT ` + titleColumns + ` FROM titles t WHERE ` + strings.Join(where, " AND ") +
		fmt.Sprintf(` ORDER BY t.release_year DESC, t.name LIMIT $%d OFFSET $%d`, len(args)-1, len(args))
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap("catalog.store.ListTitles", err)
	}
	defer rows.Close()
	var out []models.Title
	var idList []string
	for rows.Next() {
		t, err := scanTitle(rows)
		if err != nil {
			return nil, errs.Wrap("catalog.store.ListTitles", err)
		}
		if f.MaxRating >= 0 && t.Rating.Level() > f.MaxRating {
			continue
		}
		out = append(out, t)
		idList = append(idList, t.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	genres, err := s.genresFor(ctx, idList)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Genres = genres[out[i].ID]
	}
	return out, nil
}

func (s *Store) genresFor(ctx context.Context, titleIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(titleIDs) == 0 {
		return out, nil
	}
	args := make([]any, len(titleIDs))
	for i, id := range titleIDs {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx,
		`SELECT title_id, genre_slug FROM title_genres WHERE title_id IN (`+dbx.Placeholders(1, len(args))+`) ORDER BY genre_slug`, args...)
	if err != nil {
		return nil, errs.Wrap("catalog.store.genresFor", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, g string
		if err := rows.Scan(&id, &g); err != nil {
			return nil, err
		}
		out[id] = append(out[id], g)
	}
	return out, rows.Err()
}

// CreateTitle inserts a title and its genre links.
func (s *Store) CreateTitle(ctx context.Context, t models.Title) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO titles
			(id, kind, name, synopsis, release_year, rating, runtime_minutes, original_language, playable, poster_url, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9, $10, $10)`,
			t.ID, string(t.Kind), t.Name, t.Synopsis, t.ReleaseYear, string(t.Rating), t.RuntimeMinutes,
			t.OriginalLang, dbx.NullString(t.PosterURL), t.CreatedAt)
		if err != nil {
			return errs.Wrap("catalog.store.CreateTitle", err)
		}
		return replaceGenres(ctx, tx, t.ID, t.Genres)
	})
}

// UpdateTitle updates editable metadata.
func (s *Store) UpdateTitle(ctx context.Context, t models.Title) error {
	return s.db.WithTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE titles SET name = $2, synopsis = $3, release_year = $4, rating = $5,
			runtime_minutes = $6, poster_url = $7, updated_at = $8 WHERE id = $1 AND deleted_at IS NULL`,
			t.ID, t.Name, t.Synopsis, t.ReleaseYear, string(t.Rating), t.RuntimeMinutes, dbx.NullString(t.PosterURL), time.Now().UTC())
		if err != nil {
			return errs.Wrap("catalog.store.UpdateTitle", err)
		}
		if err := dbx.RowsAffectedOne(res); err != nil {
			return errs.E(errs.NotFound, "catalog.store.UpdateTitle", "title "+t.ID+" not found")
		}
		return replaceGenres(ctx, tx, t.ID, t.Genres)
	})
}

func replaceGenres(ctx context.Context, tx *sql.Tx, titleID string, genres []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM title_genres WHERE title_id = $1`, titleID); err != nil {
		return err
	}
	for _, g := range genres {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO title_genres (title_id, genre_slug) VALUES ($1, $2) ON CONFLICT DO NOTHING`, titleID, g); err != nil {
			return err
		}
	}
	return nil
}

// SetPlayable flips the playable flag on a title.
func (s *Store) SetPlayable(ctx context.Context, titleID string, playable bool) error {
	_, err := s.db.ExecContext(ctx, `UPDATE titles SET playable = $2, updated_at = now() WHERE id = $1`, titleID, playable)
	return errs.Wrap("catalog.store.SetPlayable", err)
}

// ListEpisodes returns the episodes of a series in order.
func (s *Store) ListEpisodes(ctx context.Context, titleID string) ([]models.Episode, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, title_id, season_number, number, name, COALESCE(synopsis, ''),
		runtime_minutes, playable, COALESCE(air_date, 'epoch'::timestamptz)
		FROM episodes WHERE title_id = $1 ORDER BY season_number, number`, titleID)
	if err != nil {
		return nil, errs.Wrap("catalog.store.ListEpisodes", err)
	}
	defer rows.Close()
	var out []models.Episode
	for rows.Next() {
		var e models.Episode
		if err := rows.Scan(&e.ID, &e.TitleID, &e.SeasonNumber, &e.Number, &e.Name, &e.Synopsis,
			&e.RuntimeMinutes, &e.Playable, &e.AirDate); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CreateEpisode inserts an episode; (title_id, season_number, number) is unique.
func (s *Store) CreateEpisode(ctx context.Context, e models.Episode) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO episodes
		(id, title_id, season_number, number, name, synopsis, runtime_minutes, playable, air_date)
		VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8)`,
		e.ID, e.TitleID, e.SeasonNumber, e.Number, e.Name, dbx.NullString(e.Synopsis), e.RuntimeMinutes, dbx.NullTime(e.AirDate))
	if err != nil && strings.Contains(err.Error(), "episodes_title_season_number_key") {
		return errs.E(errs.Conflict, "catalog.store.CreateEpisode", "episode number already used in season")
	}
	return errs.Wrap("catalog.store.CreateEpisode", err)
}

// ListGenres returns all genres.
func (s *Store) ListGenres(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT slug, name FROM genres ORDER BY name`)
	if err != nil {
		return nil, errs.Wrap("catalog.store.ListGenres", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var slug, name string
		if err := rows.Scan(&slug, &name); err != nil {
			return nil, err
		}
		out[slug] = name
	}
	return out, rows.Err()
}
