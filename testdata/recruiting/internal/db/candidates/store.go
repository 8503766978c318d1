// Package candidates persists candidate profiles, notes and tags.
package candidates

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

const candCols = `c.id, c.tenant_id, c.first_name, c.last_name, c.email, coalesce(c.phone, ''), coalesce(c.linkedin, ''),
	c.source, coalesce(c.merged_into, ''), c.anonymized, c.created_at,
	coalesce((SELECT string_agg(tag, ',' ORDER BY tag) FROM candidate_tags t WHERE t.candidate_id = c.id), '')`

func (s *Store) one(ctx context.Context, where string, args ...any) (models.Candidate, error) {
	var c models.Candidate
	var tags string
	err := s.db.QueryRowContext(ctx, `SELECT `+candCols+` FROM candidates c WHERE `+where, args...).
		Scan(&c.ID, &c.TenantID, &c.FirstName, &c.LastName, &c.Email, &c.Phone, &c.LinkedIn, &c.Source, &c.MergedInto, &c.Anonymized, &c.CreatedAt, &tags)
	if dbx.NoRows(err) {
		return c, errs.NotFound("candidate")
	}
	if tags != "" {
		c.Tags = strings.Split(tags, ",")
	}
	return c, err
}

func (s *Store) Get(ctx context.Context, tenantID, id string) (models.Candidate, error) {
	return s.one(ctx, `c.tenant_id = $1 AND c.id = $2`, tenantID, id)
}

func (s *Store) FindByEmail(ctx context.Context, tenantID, email string) (models.Candidate, error) {
	return s.one(ctx, `c.tenant_id = $1 AND c.email = lower($2) AND c.merged_into IS NULL`, tenantID, email)
}

func (s *Store) Create(ctx context.Context, c models.Candidate) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO candidates (id, tenant_id, first_name, last_name, email, phone, linkedin, source, anonymized, created_at, updated_at)
		 VALUES ($1, $2, $3, $4, lower($5), $6, $7, $8, false, $9, $9)`,
		c.ID, c.TenantID, c.FirstName, c.LastName, c.Email, dbx.NullString(c.Phone), dbx.NullString(c.LinkedIn), c.Source, c.CreatedAt)
	if dbx.IsUniqueViolation(err) {
		return errs.Conflict("candidate with email %s already exists", c.Email)
	}
	return err
}

func (s *Store) Update(ctx context.Context, c models.Candidate) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE candidates SET first_name = $3, last_name = $4, email = lower($5), phone = $6, linkedin = $7, updated_at = $8
		 WHERE tenant_id = $1 AND id = $2 AND NOT anonymized`,
		c.TenantID, c.ID, c.FirstName, c.LastName, c.Email, dbx.NullString(c.Phone), dbx.NullString(c.LinkedIn), time.Now().UTC())
	return err
}

func (s *Store) AddTags(ctx context.Context, candidateID string, tags []string) error {
	for _, t := range tags {
		if _, err := s.db.ExecContext(ctx,
			`INSERT INTO candidate_tags (candidate_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING`, candidateID, strings.ToLower(t)); err != nil {
			return err
		}
	}
	return nil
}

// Merge folds dup into primary. Applications, resumes and tags move
// to the primary record; the duplicate is kept as a tombstone.
func (s *Store) Merge(ctx context.Context, tenantID, primaryID, dupID string) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, q := range []string{
			`UPDATE applications SET candidate_id = $2 WHERE candidate_id = $1
			   AND requisition_id NOT IN (SELECT requisition_id FROM applications WHERE candidate_id = $2)`,
			`UPDATE applications SET status = 'withdrawn', reject_reason = 'duplicate candidate merged' WHERE candidate_id = $1`,
			`UPDATE resumes SET candidate_id = $2 WHERE candidate_id = $1`,
			`INSERT INTO candidate_tags (candidate_id, tag) SELECT $2, tag FROM candidate_tags WHERE candidate_id = $1 ON CONFLICT DO NOTHING`,
			`DELETE FROM candidate_tags WHERE candidate_id = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, dupID, primaryID); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE candidates SET merged_into = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, tenantID, dupID, primaryID)
		return err
	})
}

// Anonymize scrubs personal data for a right-to-erasure request.
func (s *Store) Anonymize(ctx context.Context, tenantID, id string) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE candidates SET first_name = 'Deleted', last_name = 'Candidate', email = id || '@erased.invalid',
			   phone = NULL, linkedin = NULL, anonymized = true, updated_at = now() WHERE tenant_id = $1 AND id = $2`, tenantID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.NotFound("candidate")
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM candidate_tags WHERE candidate_id = $1`, id)
		return err
	})
}
