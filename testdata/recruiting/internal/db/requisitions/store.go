// Package requisitions persists job requisitions, their hiring teams and
// approval chains.
package requisitions

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

const reqCols = `id, tenant_id, title, department_id, location, employment_type, openings, filled,
	salary_min_cents, salary_max_cents, currency, backfill, status, hiring_manager_id, coalesce(recruiter_id, ''),
	created_by, created_at, opened_at`

func scanReq(row dbx.Scanner) (models.Requisition, error) {
	var r models.Requisition
	var cur string
	var opened sql.NullTime
	err := row.Scan(&r.ID, &r.TenantID, &r.Title, &r.DepartmentID, &r.Location, &r.EmploymentType, &r.Openings, &r.Filled,
		&r.SalaryMin.Cents, &r.SalaryMax.Cents, &cur, &r.Backfill, &r.Status, &r.HiringManagerID, &r.RecruiterID,
		&r.CreatedBy, &r.CreatedAt, &opened)
	r.SalaryMin.Currency, r.SalaryMax.Currency = cur, cur
	if opened.Valid {
		r.OpenedAt = &opened.Time
	}
	return r, err
}

func (s *Store) Create(ctx context.Context, r models.Requisition) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO requisitions (id, tenant_id, title, department_id, location, employment_type, openings, filled,
		   salary_min_cents, salary_max_cents, currency, backfill, status, hiring_manager_id, recruiter_id, created_by, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		r.ID, r.TenantID, r.Title, r.DepartmentID, r.Location, r.EmploymentType, r.Openings,
		r.SalaryMin.Cents, r.SalaryMax.Cents, r.SalaryMin.Currency, r.Backfill, r.Status, r.HiringManagerID,
		dbx.NullString(r.RecruiterID), r.CreatedBy, r.CreatedAt)
	return err
}

func (s *Store) Get(ctx context.Context, tenantID, id string) (models.Requisition, error) {
	r, err := scanReq(s.db.QueryRowContext(ctx, `SELECT `+reqCols+` FROM requisitions WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if dbx.NoRows(err) {
		return r, errs.NotFound("requisition")
	}
	return r, err
}

func (s *Store) List(ctx context.Context, tenantID, status, departmentID string, page dbx.Page) ([]models.Requisition, error) {
	page = page.Normalize()
	return dbx.Collect(scanReq)(s.db.QueryContext(ctx,
		`SELECT `+reqCols+` FROM requisitions WHERE tenant_id = $1 AND ($2 = '' OR status = $2) AND ($3 = '' OR department_id = $3)
		 ORDER BY created_at DESC LIMIT $4 OFFSET $5`, tenantID, status, departmentID, page.Limit, page.Offset))
}

// UpdateDraft rewrites the editable fields of a draft or rejected requisition.
func (s *Store) UpdateDraft(ctx context.Context, r models.Requisition) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE requisitions SET title = $3, department_id = $4, location = $5, employment_type = $6, openings = $7,
		   salary_min_cents = $8, salary_max_cents = $9, backfill = $10, hiring_manager_id = $11, recruiter_id = $12
		 WHERE tenant_id = $1 AND id = $2 AND status IN ('draft', 'rejected')`,
		r.TenantID, r.ID, r.Title, r.DepartmentID, r.Location, r.EmploymentType, r.Openings,
		r.SalaryMin.Cents, r.SalaryMax.Cents, r.Backfill, r.HiringManagerID, dbx.NullString(r.RecruiterID))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("only draft or rejected requisitions can be edited")
	}
	return nil
}

func (s *Store) SetStatus(ctx context.Context, tenantID, id string, status models.RequisitionStatus) error {
	return setStatus(ctx, s.db, tenantID, id, status)
}

func setStatus(ctx context.Context, q dbx.Querier, tenantID, id string, status models.RequisitionStatus) error {
	_, err := q.ExecContext(ctx,
		`UPDATE requisitions SET status = $3,
		   opened_at = CASE WHEN $3 = 'approved' AND opened_at IS NULL THEN $4 ELSE opened_at END,
		   closed_at = CASE WHEN $3 IN ('filled', 'closed') THEN $4 ELSE NULL END
		 WHERE tenant_id = $1 AND id = $2`, tenantID, id, status, time.Now().UTC())
	return err
}

// IncrementFilled records one hire and returns the new filled/openings counts.
func (s *Store) IncrementFilled(ctx context.Context, tenantID, id string) (filled, openings int, err error) {
	err = s.db.QueryRowContext(ctx,
		`UPDATE requisitions SET filled = filled + 1 WHERE tenant_id = $1 AND id = $2 AND filled < openings
		 RETURNING filled, openings`, tenantID, id).Scan(&filled, &openings)
	if dbx.NoRows(err) {
		return 0, 0, errs.Conflict("requisition has no remaining openings")
	}
	return filled, openings, err
}

// HiringTeam is the explicit team plus the hiring manager and recruiter.
func (s *Store) HiringTeam(ctx context.Context, requisitionID string) ([]string, error) {
	return dbx.Strings(s.db.QueryContext(ctx,
		`SELECT user_id FROM requisition_hiring_team WHERE requisition_id = $1
		 UNION SELECT hiring_manager_id FROM requisitions WHERE id = $1
		 UNION SELECT recruiter_id FROM requisitions WHERE id = $1 AND recruiter_id IS NOT NULL`, requisitionID))
}

// ReplaceApprovalChain drops any previous chain and inserts the new steps and status atomically.
func (s *Store) ReplaceApprovalChain(ctx context.Context, tenantID, requisitionID string, steps []models.ApprovalStep, status models.RequisitionStatus) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM requisition_approvals WHERE requisition_id = $1`, requisitionID); err != nil {
			return err
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO requisition_approvals (id, requisition_id, seq, approver_id, reason, decision) VALUES ($1, $2, $3, $4, $5, 'pending')`,
				st.ID, requisitionID, st.Seq, st.ApproverID, st.Reason); err != nil {
				return err
			}
		}
		return setStatus(ctx, tx, tenantID, requisitionID, status)
	})
}

func (s *Store) ApprovalSteps(ctx context.Context, requisitionID string) ([]models.ApprovalStep, error) {
	return dbx.Collect(func(row dbx.Scanner) (models.ApprovalStep, error) {
		var st models.ApprovalStep
		var at sql.NullTime
		err := row.Scan(&st.ID, &st.RequisitionID, &st.Seq, &st.ApproverID, &st.Reason, &st.Decision, &st.Comment, &at)
		if at.Valid {
			st.DecidedAt = &at.Time
		}
		return st, err
	})(s.db.QueryContext(ctx,
		`SELECT id, requisition_id, seq, approver_id, reason, decision, coalesce(comment, ''), decided_at
		 FROM requisition_approvals WHERE requisition_id = $1 ORDER BY seq`, requisitionID))
}

func (s *Store) DecideStep(ctx context.Context, stepID, decision, comment string) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE requisition_approvals SET decision = $2, comment = $3, decided_at = now() WHERE id = $1 AND decision = 'pending'`,
		stepID, decision, dbx.NullString(comment))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("approval step already decided")
	}
	return nil
}
