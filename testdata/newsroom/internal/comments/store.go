package comments

import (
	"context"
	"database/sql"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

type store struct{ db *sql.DB }

func (s *store) insert(ctx context.Context, c *models.Comment) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO comments (id, article_id, reader_id, parent_id, body, status, flag_count, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 0, $7)`,
		c.ID, c.ArticleID, c.ReaderID, db.NullString(c.ParentID), c.Body, string(c.Status), c.CreatedAt)
	return err
}

func (s *store) get(ctx context.Context, id string) (*models.Comment, error) {
	var c models.Comment
	var parent sql.NullString
	err := s.db.QueryRowContext(ctx, `
		SELECT id, article_id, reader_id, parent_id, body, status, flag_count, created_at FROM comments WHERE id = $1`, id).
		Scan(&c.ID, &c.ArticleID, &c.ReaderID, &parent, &c.Body, &c.Status, &c.FlagCount, &c.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("comment not found")
	}
	c.ParentID = parent.String
	return &c, err
}

// listForArticle returns approved comments with the commenter's display name.
func (s *store) listForArticle(ctx context.Context, articleID string, limit, offset int) ([]models.Comment, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT c.id, c.article_id, c.reader_id, coalesce(c.parent_id, ''), r.display_name, c.body, c.status, c.flag_count, c.created_at
		FROM comments c
		JOIN readers r ON r.id = c.reader_id
		WHERE c.article_id = $1 AND c.status = 'approved' AND r.banned = false
		ORDER BY coalesce(c.parent_id, c.id), c.created_at
		LIMIT $2 OFFSET $3`, articleID, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanList(rows)
}

func scanList(rows *sql.Rows) ([]models.Comment, error) {
	var out []models.Comment
	for rows.Next() {
		var c models.Comment
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.ReaderID, &c.ParentID, &c.AuthorName, &c.Body, &c.Status, &c.FlagCount, &c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *store) queue(ctx context.Context, limit int) ([]models.Comment, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT c.id, c.article_id, c.reader_id, coalesce(c.parent_id, ''), r.display_name, c.body, c.status, c.flag_count, c.created_at
		FROM comments c JOIN readers r ON r.id = c.reader_id
		WHERE c.status = 'pending' OR (c.status = 'hidden' AND c.reviewed_at IS NULL)
		ORDER BY c.flag_count DESC, c.created_at LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanList(rows)
}

func (s *store) setStatus(ctx context.Context, q db.Querier, id string, st models.CommentStatus, reviewed bool) error {
	var err error
	if reviewed {
		_, err = q.ExecContext(ctx, `UPDATE comments SET status = $2, reviewed_at = now() WHERE id = $1`, id, string(st))
	} else {
		_, err = q.ExecContext(ctx, `UPDATE comments SET status = $2 WHERE id = $1`, id, string(st))
	}
	return err
}

func (s *store) recentCount(ctx context.Context, readerID string, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM comments WHERE reader_id = $1 AND created_at >= $2`, readerID, since).Scan(&n)
	return n, err
}

func (s *store) approvedCount(ctx context.Context, readerID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM comments WHERE reader_id = $1 AND status = 'approved'`, readerID).Scan(&n)
	return n, err
}

// articleOpen reports whether comments are enabled and the thread is still open.
func (s *store) articleOpen(ctx context.Context, articleID string, window time.Duration, now time.Time) (bool, error) {
	var enabled bool
	var published sql.NullTime
	var status string
	err := s.db.QueryRowContext(ctx, `SELECT comments_enabled, published_at, status FROM articles WHERE id = $1`, articleID).
		Scan(&enabled, &published, &status)
	if db.IsNoRows(err) {
		return false, errs.NotFoundf("article not found")
	}
	if err != nil {
		return false, err
	}
	return enabled && status == "published" && published.Valid && now.Sub(published.Time) < window, nil
}
