// Package postings persists job postings, application questions and
// career-site settings.
package postings

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
)

type Store struct{ db *sql.DB }

func New(db *sql.DB) *Store { return &Store{db: db} }

const postingCols = `id, tenant_id, requisition_id, slug, title, description, location, remote, show_salary, status,
	coalesce(channels, ''), expires_at FROM job_postings`

func scanPosting(row dbx.Scanner) (models.JobPosting, error) {
	var p models.JobPosting
	var channels string
	var exp sql.NullTime
	err := row.Scan(&p.ID, &p.TenantID, &p.RequisitionID, &p.Slug, &p.Title, &p.Description, &p.Location, &p.Remote,
		&p.ShowSalary, &p.Status, &channels, &exp)
	if channels != "" {
		p.Channels = strings.Split(channels, ",")
	}
	if exp.Valid {
		p.ExpiresAt = &exp.Time
	}
	if dbx.NoRows(err) {
		err = errs.NotFound("posting")
	}
	return p, err
}

func (s *Store) Create(ctx context.Context, p models.JobPosting) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO job_postings (id, tenant_id, requisition_id, slug, title, description, location, remote, show_salary, status, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', now())`,
		p.ID, p.TenantID, p.RequisitionID, p.Slug, p.Title, p.Description, p.Location, p.Remote, p.ShowSalary)
	return err
}

func (s *Store) Get(ctx context.Context, tenantID, id string) (models.JobPosting, error) {
	return scanPosting(s.db.QueryRowContext(ctx, `SELECT `+postingCols+` WHERE tenant_id = $1 AND id = $2`, tenantID, id))
}

// PublishedBySlug is used by the public career site.
func (s *Store) PublishedBySlug(ctx context.Context, tenantID, slug string) (models.JobPosting, error) {
	return scanPosting(s.db.QueryRowContext(ctx,
		`SELECT `+postingCols+` WHERE tenant_id = $1 AND slug = $2 AND status = 'published'`, tenantID, slug))
}

func (s *Store) ListByRequisition(ctx context.Context, tenantID, reqID string) ([]models.JobPosting, error) {
	return dbx.Collect(scanPosting)(s.db.QueryContext(ctx,
		`SELECT `+postingCols+` WHERE tenant_id = $1 AND requisition_id = $2 ORDER BY created_at`, tenantID, reqID))
}

func (s *Store) ListPublished(ctx context.Context, tenantID, channel string) ([]models.JobPosting, error) {
	return dbx.Collect(scanPosting)(s.db.QueryContext(ctx,
		`SELECT `+postingCols+` WHERE tenant_id = $1 AND status = 'published' AND $2 = ANY(string_to_array(channels, ','))
		 ORDER BY published_at DESC`, tenantID, channel))
}

func (s *Store) Publish(ctx context.Context, tenantID, id string, channels []string, expires *time.Time) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE job_postings SET status = 'published', channels = $3, published_at = coalesce(published_at, now()), expires_at = $4
		 WHERE tenant_id = $1 AND id = $2`, tenantID, id, strings.Join(channels, ","), expires)
	return err
}

// Unpublish takes a posting down; with an empty id, every live posting of the requisition.
func (s *Store) Unpublish(ctx context.Context, tenantID, id, reqID string) (int64, error) {
	res, err := s.db.ExecContext(ctx,
		`UPDATE job_postings SET status = 'unpublished' WHERE tenant_id = $1 AND status = 'published' AND (id = $2 OR requisition_id = $3)`,
		tenantID, id, reqID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *Store) ExpireDue(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE job_postings SET status = 'expired' WHERE status = 'published' AND expires_at <= $1`, now)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *Store) Questions(ctx context.Context, postingID string) ([]models.PostingQuestion, error) {
	return dbx.Collect(func(row dbx.Scanner) (models.PostingQuestion, error) {
		var q models.PostingQuestion
		var choices string
		err := row.Scan(&q.ID, &q.PostingID, &q.Prompt, &q.Kind, &choices, &q.Required, &q.Knockout)
		if choices != "" {
			q.Choices = strings.Split(choices, "|")
		}
		return q, err
	})(s.db.QueryContext(ctx,
		`SELECT id, posting_id, prompt, kind, coalesce(choices, ''), required, coalesce(knockout, '')
		 FROM posting_questions WHERE posting_id = $1 ORDER BY position`, postingID))
}

func (s *Store) ReplaceQuestions(ctx context.Context, postingID string, qs []models.PostingQuestion) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM posting_questions WHERE posting_id = $1`, postingID)
		for i, q := range qs {
			if err != nil {
				break
			}
			_, err = tx.ExecContext(ctx,
				`INSERT INTO posting_questions (id, posting_id, position, prompt, kind, choices, required, knockout) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				q.ID, postingID, i, q.Prompt, q.Kind, dbx.NullString(strings.Join(q.Choices, "|")), q.Required, dbx.NullString(q.Knockout))
		}
		return err
	})
}

func (s *Store) UpsertCareerSite(ctx context.Context, c models.CareerSite) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO career_sites (tenant_id, title, intro, primary_color, published) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (tenant_id) DO UPDATE SET title = EXCLUDED.title, intro = EXCLUDED.intro,
		   primary_color = EXCLUDED.primary_color, published = EXCLUDED.published`,
		c.TenantID, c.Title, c.Intro, c.PrimaryColor, c.Published)
	return err
}
