// Package store persists underwriting decisions, reasons, manual reviews and policies.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/underwriting/rules"
)

type Store struct {
	db *db.DB
}

func New(d *db.DB) *Store { return &Store{db: d} }

// ActivePolicy loads the active credit policy, falling back to the default.
func (s *Store) ActivePolicy(ctx context.Context) (rules.Policy, error) {
	var raw []byte
	err := s.db.QueryRowContext(ctx, `
		SELECT config FROM underwriting_policies WHERE active ORDER BY effective_at DESC LIMIT 1`).Scan(&raw)
	if db.IsNoRows(err) {
		return rules.Default(), nil
	}
	if err != nil {
		return rules.Policy{}, err
	}
	var p rules.Policy
	if err := json.Unmarshal(raw, &p); err != nil {
		return rules.Policy{}, err
	}
	return p, nil
}

// SaveDecision writes a decision and its reason codes.
func (s *Store) SaveDecision(ctx context.Context, d *models.Decision) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO decisions (id, application_id, outcome, risk_tier, apr_bps, approved_amount_cents,
				max_term_months, credit_score, dti_bps, policy_version, decided_by, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
			d.ID, d.ApplicationID, string(d.Outcome), d.RiskTier, d.APRBps, int64(d.ApprovedAmount),
			d.MaxTermMonths, d.CreditScore, d.DTIBps, d.PolicyVersion, d.DecidedBy, d.CreatedAt); err != nil {
			return err
		}
		for i, r := range d.Reasons {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO decision_reasons (decision_id, position, reason) VALUES ($1,$2,$3)`, d.ID, i, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// GetDecision loads a decision with reasons.
func (s *Store) GetDecision(ctx context.Context, id string) (*models.Decision, error) {
	var d models.Decision
	var outcome string
	var amt int64
	err := s.db.QueryRowContext(ctx, `
		SELECT id, application_id, outcome, risk_tier, apr_bps, approved_amount_cents, max_term_months,
			credit_score, dti_bps, policy_version, decided_by, created_at
		FROM decisions WHERE id = $1`, id).
		Scan(&d.ID, &d.ApplicationID, &outcome, &d.RiskTier, &d.APRBps, &amt, &d.MaxTermMonths,
			&d.CreditScore, &d.DTIBps, &d.PolicyVersion, &d.DecidedBy, &d.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("decision %s not found", id)
	}
	if err != nil {
		return nil, err
	}
	d.Outcome, d.ApprovedAmount = models.DecisionOutcome(outcome), money.Cents(amt)
	rows, err := s.db.QueryContext(ctx, `SELECT reason FROM decision_reasons WHERE decision_id = $1 ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		d.Reasons = append(d.Reasons, r)
	}
	return &d, rows.Err()
}

// OpenReview queues a decision for an underwriter.
func (s *Store) OpenReview(ctx context.Context, id, decisionID string) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO manual_reviews (id, decision_id, status, created_at) VALUES ($1, $2, 'open', now())`, id, decisionID)
	return err
}

// CloseReview resolves a review and overrides the decision outcome.
func (s *Store) CloseReview(ctx context.Context, reviewID, reviewer, note string, outcome models.DecisionOutcome, at time.Time) (string, error) {
	var decisionID string
	err := s.db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			UPDATE manual_reviews SET status = 'closed', reviewer = $2, note = $3, closed_at = $4
			WHERE id = $1 AND status = 'open' RETURNING decision_id`, reviewID, reviewer, note, at).Scan(&decisionID)
		if db.IsNoRows(err) {
			return errs.Conflict("review %s is not open", reviewID)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE decisions SET outcome = $2, decided_by = $3 WHERE id = $1`,
			decisionID, string(outcome), reviewer)
		return err
	})
	return decisionID, err
}

// Review is a queue row.
type Review struct {
	ID            string    `json:"id"`
	DecisionID    string    `json:"decision_id"`
	ApplicationID string    `json:"application_id"`
	CreditScore   int       `json:"credit_score"`
	DTIBps        int64     `json:"dti_bps"`
	CreatedAt     time.Time `json:"created_at"`
}

// OpenReviews lists the underwriter queue, oldest first.
func (s *Store) OpenReviews(ctx context.Context, limit int) ([]Review, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT m.id, d.id, d.application_id, d.credit_score, d.dti_bps, m.created_at
		FROM manual_reviews m JOIN decisions d ON d.id = m.decision_id
		WHERE m.status = 'open' ORDER BY m.created_at LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		if err := rows.Scan(&r.ID, &r.DecisionID, &r.ApplicationID, &r.CreditScore, &r.DTIBps, &r.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
