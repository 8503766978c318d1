// Package revision keeps an append-only history of article edits.
package revision

import (
	"context"
	"database/sql"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/ids"
)

type Store struct{ DB *sql.DB }

// Save appends a snapshot with the next revision number.
func (s *Store) Save(ctx context.Context, q db.Querier, a *models.Article, editedBy, note string) (*models.Revision, error) {
	r := &models.Revision{ID: ids.New("rev"), ArticleID: a.ID, Headline: a.Headline, Body: a.Body, EditedBy: editedBy, Note: note}
	err := q.QueryRowContext(ctx, `
		INSERT INTO article_revisions (id, article_id, number, headline, body, edited_by, note, created_at)
		SELECT $1, $2, coalesce(max(number), 0) + 1, $3, $4, $5, $6, now()
		FROM article_revisions WHERE article_id = $2
		RETURNING number, created_at`,
		r.ID, r.ArticleID, r.Headline, r.Body, r.EditedBy, note).Scan(&r.Number, &r.CreatedAt)
	return r, err
}
