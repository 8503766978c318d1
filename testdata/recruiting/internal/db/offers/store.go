// Package offers persists offers, offer approvals and letter templates.
package offers

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

const offerCols = `id, tenant_id, application_id, requisition_id, candidate_id, base_salary_cents, signing_bonus_cents, currency,
	equity_units, start_date, status, coalesce(template_id, ''), coalesce(expires_at, 'epoch'), created_by FROM offers`

func (s *Store) one(ctx context.Context, where string, args ...any) (models.Offer, error) {
	var o models.Offer
	err := s.db.QueryRowContext(ctx, `SELECT `+offerCols+` WHERE `+where, args...).Scan(&o.ID, &o.TenantID, &o.ApplicationID,
		&o.RequisitionID, &o.CandidateID, &o.BaseSalary.Cents, &o.SigningBonus.Cents, &o.BaseSalary.Currency,
		&o.EquityUnits, &o.StartDate, &o.Status, &o.TemplateID, &o.ExpiresAt, &o.CreatedBy)
	o.SigningBonus.Currency = o.BaseSalary.Currency
	if dbx.NoRows(err) {
		return o, errs.NotFound("offer")
	}
	return o, err
}

func (s *Store) Get(ctx context.Context, tenantID, id string) (models.Offer, error) {
	return s.one(ctx, `tenant_id = $1 AND id = $2`, tenantID, id)
}

func (s *Store) GetByToken(ctx context.Context, tokenHash string) (models.Offer, error) {
	return s.one(ctx, `accept_token_hash = $1`, tokenHash)
}

// ActiveForApplication returns a non-terminal offer for the application, if any.
func (s *Store) ActiveForApplication(ctx context.Context, tenantID, appID string) (models.Offer, error) {
	return s.one(ctx, `tenant_id = $1 AND application_id = $2 AND status IN ('draft', 'pending_approval', 'approved', 'sent') LIMIT 1`, tenantID, appID)
}

func (s *Store) Create(ctx context.Context, o models.Offer) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO offers (id, tenant_id, application_id, requisition_id, candidate_id, base_salary_cents, signing_bonus_cents, currency,
		   equity_units, start_date, status, template_id, created_by, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, now())`,
		o.ID, o.TenantID, o.ApplicationID, o.RequisitionID, o.CandidateID, o.BaseSalary.Cents, o.SigningBonus.Cents, o.BaseSalary.Currency,
		o.EquityUnits, o.StartDate, dbx.NullString(o.TemplateID), o.CreatedBy)
	return err
}

// SetStatus moves an offer between states; from guards against races.
func (s *Store) SetStatus(ctx context.Context, tenantID, id string, from, to models.OfferStatus) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE offers SET status = $4, responded_at = CASE WHEN $4 = 'declined' THEN now() ELSE responded_at END
		 WHERE tenant_id = $1 AND id = $2 AND status = $3`, tenantID, id, from, to)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflict("offer is no longer %s", from)
	}
	return nil
}

func (s *Store) MarkSent(ctx context.Context, id, tokenHash string, sentAt, expiresAt time.Time) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE offers SET status = 'sent', accept_token_hash = $2, sent_at = $3, expires_at = $4 WHERE id = $1 AND status = 'approved'`,
		id, tokenHash, sentAt, expiresAt)
	return err
}

// Accept marks the offer accepted and the application hired in one
// transaction, so a crash can never leave an accepted offer on an active
// application.
func (s *Store) Accept(ctx context.Context, o models.Offer, at time.Time) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE offers SET status = 'accepted', responded_at = $2 WHERE id = $1 AND status = 'sent'`, o.ID, at)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Conflict("offer can no longer be accepted")
		}
		var from string
		if err := tx.QueryRowContext(ctx, `SELECT stage_key FROM applications WHERE id = $1 FOR UPDATE`, o.ApplicationID).Scan(&from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE applications SET stage_key = 'hired', status = 'hired', stage_entered_at = $2, closed_at = $2 WHERE id = $1`,
			o.ApplicationID, at); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO application_stage_events (application_id, from_stage, to_stage, at) VALUES ($1, $2, 'hired', $3)`, o.ApplicationID, from, at)
		return err
	})
}

// ExpireDue expires sent offers past their deadline and returns how many.
func (s *Store) ExpireDue(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE offers SET status = 'expired' WHERE status = 'sent' AND expires_at < $1`, now)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *Store) Template(ctx context.Context, tenantID, id string) (string, error) {
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT body FROM offer_templates WHERE tenant_id = $1 AND id = $2`, tenantID, id).Scan(&body)
	if dbx.NoRows(err) {
		return "", errs.NotFound("offer template")
	}
	return body, err
}
