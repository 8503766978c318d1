// Package pipeline persists applications, their stage history, the tenant's
// stage configuration and automation rules.
package pipeline

import (
	"context"
	"database/sql"
	"time"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
)

type Store struct{ db *sql.DB }

func New(db *sql.DB) *Store { return &Store{db: db} }

// DefaultStages is used for tenants that never customised their pipeline.
var DefaultStages = []models.Stage{
	{Key: models.StageApplied, Name: "Applied", Position: 0},
	{Key: models.StageScreen, Name: "Phone screen", Position: 1},
	{Key: models.StageInterview, Name: "Interview", Position: 2},
	{Key: models.StageOffer, Name: "Offer", Position: 3},
	{Key: models.StageHired, Name: "Hired", Position: 4},
}

func (s *Store) Stages(ctx context.Context, tenantID string) ([]models.Stage, error) {
	out, err := dbx.Collect(func(row dbx.Scanner) (models.Stage, error) {
		var st models.Stage
		return st, row.Scan(&st.Key, &st.Name, &st.Position)
	})(s.db.QueryContext(ctx, `SELECT key, name, position FROM pipeline_stages WHERE tenant_id = $1 ORDER BY position`, tenantID))
	if err == nil && len(out) == 0 {
		out = DefaultStages
	}
	return out, err
}

// appCols joins the candidate for list views.
const appCols = `a.id, a.tenant_id, a.candidate_id, a.requisition_id, coalesce(a.posting_id, ''), a.stage_key, a.status, a.source,
	coalesce(a.reject_reason, ''), coalesce(a.screening_status, ''), a.applied_at, a.stage_entered_at,
	c.first_name || ' ' || c.last_name, c.email
	FROM applications a JOIN candidates c ON c.id = a.candidate_id`

func scanApp(row dbx.Scanner) (models.Application, error) {
	var a models.Application
	err := row.Scan(&a.ID, &a.TenantID, &a.CandidateID, &a.RequisitionID, &a.PostingID, &a.StageKey, &a.Status, &a.Source,
		&a.RejectReason, &a.ScreeningStatus, &a.AppliedAt, &a.StageEnteredAt, &a.CandidateName, &a.CandidateEmail)
	return a, err
}

// CreateApplication inserts the application and its first stage event.
func (s *Store) CreateApplication(ctx context.Context, a models.Application) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			`INSERT INTO applications (id, tenant_id, candidate_id, requisition_id, posting_id, stage_key, status, source, applied_at, stage_entered_at)
			 VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $8)`,
			a.ID, a.TenantID, a.CandidateID, a.RequisitionID, dbx.NullString(a.PostingID), a.StageKey, a.Source, a.AppliedAt)
		if dbx.IsUniqueViolation(err) {
			return errs.Conflict("candidate already applied to this requisition")
		} else if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO application_stage_events (application_id, from_stage, to_stage, at) VALUES ($1, '', $2, $3)`, a.ID, a.StageKey, a.AppliedAt)
		return err
	})
}

func (s *Store) Get(ctx context.Context, tenantID, id string) (models.Application, error) {
	a, err := scanApp(s.db.QueryRowContext(ctx, `SELECT `+appCols+` WHERE a.tenant_id = $1 AND a.id = $2`, tenantID, id))
	if dbx.NoRows(err) {
		return a, errs.NotFound("application")
	}
	return a, err
}

func (s *Store) ListByRequisition(ctx context.Context, tenantID, reqID, stage, status string) ([]models.Application, error) {
	return dbx.Collect(scanApp)(s.db.QueryContext(ctx,
		`SELECT `+appCols+` WHERE a.tenant_id = $1 AND a.requisition_id = $2 AND ($3 = '' OR a.stage_key = $3) AND ($4 = '' OR a.status = $4)
		 ORDER BY a.stage_entered_at`, tenantID, reqID, stage, status))
}

// IdleInStage lists active applications that entered stage before cutoff.
func (s *Store) IdleInStage(ctx context.Context, tenantID, stage string, cutoff time.Time) ([]models.Application, error) {
	return dbx.Collect(scanApp)(s.db.QueryContext(ctx,
		`SELECT `+appCols+` WHERE a.tenant_id = $1 AND a.stage_key = $2 AND a.status = 'active' AND a.stage_entered_at < $3
		 ORDER BY a.stage_entered_at LIMIT 1000`, tenantID, stage, cutoff))
}

// Move changes stage if the application is still in the expected stage.
func (s *Store) Move(ctx context.Context, tenantID, id, from, to, actorID string, at time.Time) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE applications SET stage_key = $4, stage_entered_at = $5 WHERE tenant_id = $1 AND id = $2 AND stage_key = $3 AND status = 'active'`,
			tenantID, id, from, to, at)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Conflict("application changed concurrently; reload and retry")
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO application_stage_events (application_id, from_stage, to_stage, actor_id, at) VALUES ($1, $2, $3, $4, $5)`,
			id, from, to, dbx.NullString(actorID), at)
		return err
	})
}

// Close ends an application as rejected, withdrawn or hired.
func (s *Store) Close(ctx context.Context, tenantID, id, status, reason string) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE applications SET status = $3, reject_reason = $4, closed_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'active'`,
		tenantID, id, status, dbx.NullString(reason))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("application is not active")
	}
	return nil
}

// Rule is a tenant automation rule: act on applications idle in a stage.
type Rule struct {
	TenantID  string
	Stage     string
	AfterDays int
	Action    string // reject, remind
	Reason    string
}

func (s *Store) Rules(ctx context.Context) ([]Rule, error) {
	return dbx.Collect(func(row dbx.Scanner) (Rule, error) {
		var r Rule
		return r, row.Scan(&r.TenantID, &r.Stage, &r.AfterDays, &r.Action, &r.Reason)
	})(s.db.QueryContext(ctx,
		`SELECT tenant_id, stage_key, after_days, action, coalesce(reason, '') FROM stage_rules WHERE enabled ORDER BY tenant_id`))
}
