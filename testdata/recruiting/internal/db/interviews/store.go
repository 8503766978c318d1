// Package interviews persists interviews, panels and scorecards.
package interviews

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

func (s *Store) Create(ctx context.Context, iv models.Interview) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO interviews (id, tenant_id, application_id, kind, starts_at, ends_at, location, status)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled')`,
			iv.ID, iv.TenantID, iv.ApplicationID, iv.Kind, iv.StartsAt, iv.EndsAt, dbx.NullString(iv.Location)); err != nil {
			return err
		}
		for _, u := range iv.PanelistIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO interview_panelists (interview_id, user_id) VALUES ($1, $2)`, iv.ID, u); err != nil {
				return err
			}
		}
		return nil
	})
}

const ivCols = `i.id, i.tenant_id, i.application_id, i.kind, i.starts_at, i.ends_at, coalesce(i.location, ''), i.status,
	coalesce(i.calendar_ref, ''), coalesce((SELECT string_agg(user_id, ',') FROM interview_panelists p WHERE p.interview_id = i.id), '')`

func scanInterview(row dbx.Scanner) (models.Interview, error) {
	var iv models.Interview
	var panel string
	err := row.Scan(&iv.ID, &iv.TenantID, &iv.ApplicationID, &iv.Kind, &iv.StartsAt, &iv.EndsAt, &iv.Location, &iv.Status, &iv.CalendarRef, &panel)
	if panel != "" {
		iv.PanelistIDs = strings.Split(panel, ",")
	}
	return iv, err
}

func (s *Store) Get(ctx context.Context, tenantID, id string) (models.Interview, error) {
	iv, err := scanInterview(s.db.QueryRowContext(ctx, `SELECT `+ivCols+` FROM interviews i WHERE i.tenant_id = $1 AND i.id = $2`, tenantID, id))
	if dbx.NoRows(err) {
		return iv, errs.NotFound("interview")
	}
	return iv, err
}

func (s *Store) ListForApplication(ctx context.Context, tenantID, appID string) ([]models.Interview, error) {
	return dbx.Collect(scanInterview)(s.db.QueryContext(ctx,
		`SELECT `+ivCols+` FROM interviews i WHERE i.tenant_id = $1 AND i.application_id = $2 ORDER BY i.starts_at`, tenantID, appID))
}

func (s *Store) Update(ctx context.Context, id, status, calendarRef string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE interviews SET status = $2, calendar_ref = $3 WHERE id = $1`, id, status, dbx.NullString(calendarRef))
	return err
}

// Conflicts returns panelists already booked on an overlapping scheduled interview.
func (s *Store) Conflicts(ctx context.Context, tenantID string, userIDs []string, start, end time.Time) ([]string, error) {
	args := []any{tenantID, start, end}
	for _, u := range userIDs {
		args = append(args, u)
	}
	return dbx.Strings(s.db.QueryContext(ctx,
		`SELECT DISTINCT p.user_id FROM interview_panelists p JOIN interviews i ON i.id = p.interview_id
		 WHERE i.tenant_id = $1 AND i.status = 'scheduled' AND i.starts_at < $3 AND i.ends_at > $2
		   AND p.user_id IN (`+dbx.Placeholders(4, len(userIDs))+`)`, args...))
}

func (s *Store) SubmitScorecard(ctx context.Context, sc models.Scorecard) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO scorecards (id, interview_id, interviewer_id, recommendation, notes, submitted_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			sc.ID, sc.InterviewID, sc.InterviewerID, sc.Recommendation, sc.Notes, sc.SubmittedAt)
		if dbx.IsUniqueViolation(err) {
			return errs.Conflict("scorecard already submitted")
		}
		for attr, v := range sc.Ratings {
			if err != nil {
				break
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO scorecard_ratings (scorecard_id, attribute, rating) VALUES ($1, $2, $3)`, sc.ID, attr, v)
		}
		return err
	})
}

// ScorecardsForApplication returns every scorecard across the application's interviews.
func (s *Store) ScorecardsForApplication(ctx context.Context, appID string) ([]models.Scorecard, error) {
	type row struct {
		sc     models.Scorecard
		attr   string
		rating int
	}
	rows, err := dbx.Collect(func(r dbx.Scanner) (row, error) {
		var x row
		return x, r.Scan(&x.sc.ID, &x.sc.InterviewID, &x.sc.InterviewerID, &x.sc.Recommendation, &x.sc.Notes, &x.sc.SubmittedAt, &x.attr, &x.rating)
	})(s.db.QueryContext(ctx,
		`SELECT sc.id, sc.interview_id, sc.interviewer_id, sc.recommendation, sc.notes, sc.submitted_at, coalesce(r.attribute, ''), coalesce(r.rating, 0)
		 FROM scorecards sc JOIN interviews i ON i.id = sc.interview_id LEFT JOIN scorecard_ratings r ON r.scorecard_id = sc.id
		 WHERE i.application_id = $1 ORDER BY sc.submitted_at, sc.id`, appID))
	var out []models.Scorecard
	for _, x := range rows {
		if len(out) == 0 || out[len(out)-1].ID != x.sc.ID {
			x.sc.Ratings = map[string]int{}
			out = append(out, x.sc)
		}
		if x.attr != "" {
			out[len(out)-1].Ratings[x.attr] = x.rating
		}
	}
	return out, err
}
