// Package store persists loan applications and their status history.
package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/money"
)

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

const appCols = `id, borrower_id, COALESCE(partner_id, ''), requested_amount_cents, term_months, purpose, status,
	COALESCE(decision_id, ''), submitted_at, decided_at, updated_at`

func scanApp(row interface{ Scan(...any) error }) (*models.LoanApplication, error) {
	var a models.LoanApplication
	var amt int64
	var st string
	var decided sql.NullTime
	if err := row.Scan(&a.ID, &a.BorrowerID, &a.PartnerID, &amt, &a.TermMonths, &a.Purpose, &st,
		&a.DecisionID, &a.SubmittedAt, &decided, &a.UpdatedAt); err != nil {
		return nil, err
	}
	a.RequestedAmount, a.Status, a.DecidedAt = money.Cents(amt), models.ApplicationStatus(st), decided.Time
	return &a, nil
}

func (s *Store) Get(ctx context.Context, id string) (*models.LoanApplication, error) {
	a, err := scanApp(s.db.QueryRowContext(ctx, `SELECT `+appCols+` FROM loan_applications WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("application %s not found", id)
	}
	return a, err
}

// OpenForBorrower returns the borrower's in-flight application, if any.
func (s *Store) OpenForBorrower(ctx context.Context, borrowerID string) (*models.LoanApplication, error) {
	a, err := scanApp(s.db.QueryRowContext(ctx, `SELECT `+appCols+` FROM loan_applications
		WHERE borrower_id = $1 AND status IN ('submitted', 'in_review', 'approved')
		ORDER BY submitted_at DESC LIMIT 1`, borrowerID))
	if db.IsNoRows(err) {
		return nil, nil
	}
	return a, err
}

func (s *Store) Create(ctx context.Context, a *models.LoanApplication) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO loan_applications (id, borrower_id, partner_id, requested_amount_cents, term_months, purpose,
				status, submitted_at, updated_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8)`,
			a.ID, a.BorrowerID, db.NullString(a.PartnerID), int64(a.RequestedAmount), a.TermMonths, a.Purpose,
			string(a.Status), a.SubmittedAt); err != nil {
			return err
		}
		return logEvent(ctx, tx, a.ID, string(a.Status), "submitted")
	})
}

// SetStatus moves an application to a new status, guarding the previous one.
func (s *Store) SetStatus(ctx context.Context, id string, from []models.ApplicationStatus, to models.ApplicationStatus, decisionID, note string) error {
	fromS := make([]string, len(from))
	for i, f := range from {
		fromS[i] = string(f)
	}
	allowed := strings.Join(fromS, ",")
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE loan_applications SET status = $2, decision_id = COALESCE(NULLIF($3, ''), decision_id),
				decided_at = CASE WHEN $3 <> '' THEN now() ELSE decided_at END, updated_at = now()
			WHERE id = $1 AND status = ANY(string_to_array($4, ','))`, id, string(to), decisionID, allowed)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Conflict("application %s cannot move to %s", id, to)
		}
		return logEvent(ctx, tx, id, string(to), note)
	})
}

func logEvent(ctx context.Context, tx *sql.Tx, appID, status, note string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO application_events (application_id, status, note, created_at) VALUES ($1,$2,$3,now())`,
		appID, status, note)
	return err
}

// ByDecision finds the application a decision belongs to.
func (s *Store) ByDecision(ctx context.Context, decisionID string) (*models.LoanApplication, error) {
	a, err := scanApp(s.db.QueryRowContext(ctx, `SELECT `+appCols+` FROM loan_applications WHERE decision_id = $1`, decisionID))
	if db.IsNoRows(err) {
		return nil, errs.NotFound("no application for decision %s", decisionID)
	}
	return a, err
}

// ListByPartner pages a broker's applications.
func (s *Store) ListByPartner(ctx context.Context, partnerID string, limit, offset int) ([]*models.LoanApplication, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+appCols+` FROM loan_applications
		WHERE partner_id = $1 ORDER BY submitted_at DESC LIMIT $2 OFFSET $3`, partnerID, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*models.LoanApplication
	for rows.Next() {
		a, err := scanApp(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ExpireApproved expires approved applications not taken up before cutoff.
func (s *Store) ExpireApproved(ctx context.Context, cutoff time.Time) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `
		UPDATE loan_applications SET status = 'expired', updated_at = now()
		WHERE status IN ('approved', 'submitted') AND decided_at IS NOT NULL AND decided_at < $1
		RETURNING id`, cutoff)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
