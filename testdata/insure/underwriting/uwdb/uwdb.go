// Package uwdb persists underwriting decisions and the referral queue.
// Tables: uw_decisions, uw_referrals.
package uwdb

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
)

type Decision struct {
	ID        int64
	Subject   string // "quote:123", "policy:456", "renewal:456"
	Decision  domain.UWDecision
	Findings  json.RawMessage
	DecidedBy string
	DecidedAt time.Time
}

type Referral struct {
	ID         int64
	DecisionID int64
	Subject    string
	Reason     string
	Status     string // OPEN, APPROVED, DECLINED
	AssignedTo string
	CreatedAt  time.Time
	ResolvedAt sql.NullTime
	Resolution string
}

type Repo struct{ db *db.DB }

func New(pool *db.DB) *Repo { return &Repo{db: pool} }

func (r *Repo) InsertDecision(ctx context.Context, d *Decision) error {
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `INSERT INTO uw_decisions (subject, decision, findings, decided_by, decided_at)
		VALUES ($1,$2,$3,$4,now()) RETURNING id, decided_at`, d.Subject, d.Decision, d.Findings, d.DecidedBy).
		Scan(&d.ID, &d.DecidedAt)
	return errs.Wrap("uwdb.InsertDecision", err)
}

func (r *Repo) LatestDecision(ctx context.Context, subject string) (*Decision, error) {
	var d Decision
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT id, subject, decision, findings, decided_by, decided_at
		FROM uw_decisions WHERE subject = $1 ORDER BY decided_at DESC LIMIT 1`, subject).
		Scan(&d.ID, &d.Subject, &d.Decision, &d.Findings, &d.DecidedBy, &d.DecidedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("uwdb.LatestDecision", "no decision for %s", subject)
	}
	return &d, errs.Wrap("uwdb.LatestDecision", err)
}

func (r *Repo) InsertReferral(ctx context.Context, ref *Referral) error {
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `INSERT INTO uw_referrals (decision_id, subject, reason, status, created_at)
		VALUES ($1,$2,$3,'OPEN',now()) RETURNING id, created_at`, ref.DecisionID, ref.Subject, ref.Reason).
		Scan(&ref.ID, &ref.CreatedAt)
	ref.Status = "OPEN"
	return errs.Wrap("uwdb.InsertReferral", err)
}

func (r *Repo) OpenReferrals(ctx context.Context, limit int) ([]Referral, error) {
	rows, err := db.Q(ctx, r.db).QueryContext(ctx, `SELECT id, decision_id, subject, reason, status,
		COALESCE(assigned_to, ''), created_at, resolved_at, COALESCE(resolution, '')
		FROM uw_referrals WHERE status = 'OPEN' ORDER BY created_at LIMIT $1`, limit)
	if err != nil {
		return nil, errs.Wrap("uwdb.OpenReferrals", err)
	}
	defer rows.Close()
	var out []Referral
	for rows.Next() {
		var ref Referral
		if err := rows.Scan(&ref.ID, &ref.DecisionID, &ref.Subject, &ref.Reason, &ref.Status, &ref.AssignedTo,
			&ref.CreatedAt, &ref.ResolvedAt, &ref.Resolution); err != nil {
			return nil, errs.Wrap("uwdb.OpenReferrals", err)
		}
		out = append(out, ref)
	}
	return out, rows.Err()
}

func (r *Repo) GetReferral(ctx context.Context, id int64) (*Referral, error) {
	var ref Referral
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT id, decision_id, subject, reason, status,
		COALESCE(assigned_to, ''), created_at, resolved_at, COALESCE(resolution, '')
		FROM uw_referrals WHERE id = $1`, id).Scan(&ref.ID, &ref.DecisionID, &ref.Subject, &ref.Reason,
		&ref.Status, &ref.AssignedTo, &ref.CreatedAt, &ref.ResolvedAt, &ref.Resolution)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("uwdb.GetReferral", "referral %d", id)
	}
	return &ref, errs.Wrap("uwdb.GetReferral", err)
}

func (r *Repo) ResolveReferral(ctx context.Context, id int64, status, by, note string) error {
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE uw_referrals SET status = $2, assigned_to = $3,
		resolution = $4, resolved_at = now() WHERE id = $1 AND status = 'OPEN'`, id, status, by, note)
	if err != nil {
		return errs.Wrap("uwdb.ResolveReferral", err)
	}
	return db.MustAffect("uwdb.ResolveReferral", res, "open referral")
}

// ExpireStaleReferrals closes referrals nobody worked within the window.
func (r *Repo) ExpireStaleReferrals(ctx context.Context, before time.Time) (int64, error) {
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE uw_referrals SET status = 'DECLINED',
		resolution = 'expired without review', resolved_at = now() WHERE status = 'OPEN' AND created_at < $1`, before)
	if err != nil {
		return 0, errs.Wrap("uwdb.ExpireStaleReferrals", err)
	}
	return res.RowsAffected()
}
