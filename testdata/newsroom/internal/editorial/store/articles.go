// Package store is the SQL persistence for articles and their bylines.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

type ArticleStore struct{ DB *sql.DB }

func New(conn *sql.DB) *ArticleStore { return &ArticleStore{DB: conn} }

const articleCols = `a.id, a.slug, a.headline, a.standfirst, a.body, a.section_id, a.status, a.premium,
	a.comments_enabled, a.word_count, coalesce(a.hero_media_id, ''), a.created_by, a.created_at, a.updated_at, a.published_at`

func scanArticle(row interface{ Scan(...any) error }) (*models.Article, error) {
	var a models.Article
	var published sql.NullTime
	err := row.Scan(&a.ID, &a.Slug, &a.Headline, &a.Standfirst, &a.Body, &a.SectionID, &a.Status, &a.Premium,
		&a.CommentsEnabled, &a.WordCount, &a.HeroMediaID, &a.CreatedBy, &a.CreatedAt, &a.UpdatedAt, &published)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("article not found")
	}
	if err != nil {
		return nil, err
	}
	if published.Valid {
		t := published.Time
		a.PublishedAt = &t
	}
	return &a, nil
}

func (s *ArticleStore) Get(ctx context.Context, id string) (*models.Article, error) {
	a, err := scanArticle(s.DB.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles a WHERE a.id = $1`, id))
	if err != nil {
		return nil, err
	}
	return a, s.loadAuthors(ctx, a)
}

func (s *ArticleStore) GetBySlug(ctx context.Context, slug string) (*models.Article, error) {
	a, err := scanArticle(s.DB.QueryRowContext(ctx,
		`SELECT `+articleCols+` FROM articles a WHERE a.slug = $1 AND a.status = 'published'`, slug))
	if err != nil {
		return nil, err
	}
	return a, s.loadAuthors(ctx, a)
}

func (s *ArticleStore) loadAuthors(ctx context.Context, a *models.Article) error {
	rows, err := s.DB.QueryContext(ctx,
		`SELECT contributor_id FROM article_authors WHERE article_id = $1 ORDER BY position`, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		a.AuthorIDs = append(a.AuthorIDs, id)
	}
	return rows.Err()
}

type Filter struct {
	SectionID string
	Status    models.ArticleStatus
	TagSlug   string
	Limit     int
	Offset    int
}

func (s *ArticleStore) List(ctx context.Context, f Filter) ([]models.Article, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.SectionID != "" {
		add("a.section_id = $%d", f.SectionID)
	}
	if f.Status != "" {
		add("a.status = $%d", string(f.Status))
	}
	if f.TagSlug != "" {
		add("EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.slug = $%d)", f.TagSlug)
	}
	q := `SELECT ` + articleCols + ` FROM articles a`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, f.Limit, f.Offset)
	q += fmt.Sprintf(" ORDER BY coalesce(a.published_at, a.updated_at) DESC LIMIT $%d OFFSET $%d", len(args)-1, len(args))
	return s.query(ctx, q, args...)
}

func (s *ArticleStore) query(ctx context.Context, q string, args ...any) ([]models.Article, error) {
	rows, err := s.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []models.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// ListPublishedSince is used for feeds and sitemaps.
func (s *ArticleStore) ListPublishedSince(ctx context.Context, since time.Time, limit int) ([]models.Article, error) {
	return s.query(ctx, `SELECT `+articleCols+` FROM articles a
		WHERE a.status = 'published' AND a.published_at >= $1 ORDER BY a.published_at DESC LIMIT $2`, since, limit)
}

// ListByContributor returns published articles bylined to a contributor.
func (s *ArticleStore) ListByContributor(ctx context.Context, contributorID string, limit int) ([]models.Article, error) {
	return s.query(ctx, `SELECT `+articleCols+` FROM articles a
		JOIN article_authors aa ON aa.article_id = a.id
		WHERE aa.contributor_id = $1 AND a.status = 'published'
		ORDER BY a.published_at DESC LIMIT $2`, contributorID, limit)
}

// IsPremium reports whether an article sits behind the paywall, either
// directly or because its section is premium.
func (s *ArticleStore) IsPremium(ctx context.Context, articleID string) (bool, error) {
	var premium bool
	err := s.DB.QueryRowContext(ctx, `
		SELECT a.premium OR coalesce(sec.premium, false)
		FROM articles a LEFT JOIN sections sec ON sec.id = a.section_id
		WHERE a.id = $1`, articleID).Scan(&premium)
	if db.IsNoRows(err) {
		return false, errs.NotFoundf("article %s not found", articleID)
	}
	return premium, err
}

func (s *ArticleStore) Insert(ctx context.Context, q db.Querier, a *models.Article) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO articles (id, slug, headline, standfirst, body, section_id, status, premium,
			comments_enabled, word_count, hero_media_id, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
		a.ID, a.Slug, a.Headline, a.Standfirst, a.Body, a.SectionID, string(a.Status), a.Premium,
		a.CommentsEnabled, a.WordCount, db.NullString(a.HeroMediaID), a.CreatedBy, a.CreatedAt)
	if db.IsUniqueViolation(err) {
		return errs.Conflictf("slug %q already in use", a.Slug)
	}
	return err
}

func (s *ArticleStore) Update(ctx context.Context, q db.Querier, a *models.Article) error {
	_, err := q.ExecContext(ctx, `
		UPDATE articles SET headline = $2, standfirst = $3, body = $4, section_id = $5, premium = $6,
			comments_enabled = $7, word_count = $8, hero_media_id = $9, updated_at = now()
		WHERE id = $1`,
		a.ID, a.Headline, a.Standfirst, a.Body, a.SectionID, a.Premium, a.CommentsEnabled, a.WordCount,
		db.NullString(a.HeroMediaID))
	return err
}

func (s *ArticleStore) SetStatus(ctx context.Context, q db.Querier, id string, status models.ArticleStatus, publishedAt *time.Time) error {
	var pub sql.NullTime
	if publishedAt != nil {
		pub = sql.NullTime{Time: *publishedAt, Valid: true}
	}
	_, err := q.ExecContext(ctx, `
		UPDATE articles SET status = $2, published_at = coalesce($3, published_at), updated_at = now()
		WHERE id = $1`, id, string(status), pub)
	return err
}

func (s *ArticleStore) SetAuthors(ctx context.Context, q db.Querier, articleID string, contributorIDs []string) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM article_authors WHERE article_id = $1`, articleID); err != nil {
		return err
	}
	for i, cid := range contributorIDs {
		if _, err := q.ExecContext(ctx,
			`INSERT INTO article_authors (article_id, contributor_id, position) VALUES ($1, $2, $3)`,
			articleID, cid, i); err != nil {
			return err
		}
	}
	return nil
}
