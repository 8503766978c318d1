// Package taxonomy manages sections and tags.
package taxonomy

import (
	"context"
	"database/sql"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/slug"
)

type Service struct{ DB *sql.DB }

func (s *Service) Sections(ctx context.Context) ([]models.Section, error) {
	rows, err := s.DB.QueryContext(ctx,
		`SELECT id, slug, name, coalesce(parent_id, ''), premium FROM sections WHERE archived = false ORDER BY position, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Section
	for rows.Next() {
		var sec models.Section
		if err := rows.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.ParentID, &sec.Premium); err != nil {
			return nil, err
		}
		out = append(out, sec)
	}
	return out, rows.Err()
}

func (s *Service) Section(ctx context.Context, id string) (*models.Section, error) {
	var sec models.Section
	err := s.DB.QueryRowContext(ctx,
		`SELECT id, slug, name, coalesce(parent_id, ''), premium FROM sections WHERE id = $1`, id).
		Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.ParentID, &sec.Premium)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("section %s not found", id)
	}
	return &sec, err
}

// EnsureTags upserts tags by name and returns their ids.
func (s *Service) EnsureTags(ctx context.Context, q db.Querier, names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		sl := slug.Make(n, 60)
		if sl == "" {
			continue
		}
		var id string
		err := q.QueryRowContext(ctx, `
			INSERT INTO tags (id, slug, name) VALUES ($1, $2, $3)
			ON CONFLICT (slug) DO UPDATE SET name = tags.name
			RETURNING id`, ids.New("tag"), sl, n).Scan(&id)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

func (s *Service) TagArticle(ctx context.Context, q db.Querier, articleID string, tagIDs []string) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = $1`, articleID); err != nil {
		return err
	}
	for _, t := range tagIDs {
		if _, err := q.ExecContext(ctx, `INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, articleID, t); err != nil {
			return err
		}
	}
	return nil
}
