// Package claimsdb persists claims.
// Tables: claims, claim_payments, claim_notes, claim_reserve_history, claim_number_seq.
package claimsdb

import (
	"context"
	"database/sql"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/money"
)

type Repo struct {
	db *db.DB
}

func New(pool *db.DB) *Repo { return &Repo{db: pool} }

const claimCols = `id, number, policy_id, customer_id, loss_date, reported_at, loss_type, coverage, description,
	loss_zip, status, estimate, reserve, paid, adjuster_id, fraud_score, created_at, updated_at`

func scanClaim(row interface{ Scan(...any) error }) (*domain.Claim, error) {
	var c domain.Claim
	var adj sql.NullInt64
	err := row.Scan(&c.ID, &c.Number, &c.PolicyID, &c.CustomerID, &c.LossDate, &c.ReportedAt, &c.LossType,
		&c.Coverage, &c.Description, &c.LossZip, &c.Status, &c.Estimate, &c.Reserve, &c.Paid, &adj,
		&c.FraudScore, &c.CreatedAt, &c.UpdatedAt)
	c.AdjusterID = adj.Int64
	return &c, err
}

func (r *Repo) Get(ctx context.Context, id int64) (*domain.Claim, error) {
	c, err := scanClaim(db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("claimsdb.Get", "claim %d", id)
	}
	return c, errs.Wrap("claimsdb.Get", err)
}

func (r *Repo) query(ctx context.Context, op, q string, args ...any) ([]*domain.Claim, error) {
	rows, err := db.Q(ctx, r.db).QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	var out []*domain.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, errs.Wrap(op, err)
		}
		out = append(out, c)
	}
	return out, errs.Wrap(op, rows.Err())
}

func (r *Repo) ListByPolicy(ctx context.Context, policyID int64) ([]*domain.Claim, error) {
	return r.query(ctx, "claimsdb.ListByPolicy",
		`SELECT `+claimCols+` FROM claims WHERE policy_id = $1 ORDER BY loss_date DESC`, policyID)
}

// ListOpen returns open claims, oldest first; used by reserve review and fraud rescoring.
func (r *Repo) ListOpen(ctx context.Context, reportedBefore time.Time, limit int) ([]*domain.Claim, error) {
	return r.query(ctx, "claimsdb.ListOpen", `SELECT `+claimCols+` FROM claims
		WHERE status IN ('OPEN','IN_REVIEW','SIU','APPROVED') AND reported_at < $1
		ORDER BY reported_at LIMIT $2`, reportedBefore, limit)
}

func (r *Repo) NextSeq(ctx context.Context) (int64, error) {
	var n int64
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT nextval('claim_number_seq')`).Scan(&n)
	return n, errs.Wrap("claimsdb.NextSeq", err)
}

func (r *Repo) Insert(ctx context.Context, c *domain.Claim) error {
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `INSERT INTO claims (number, policy_id, customer_id, loss_date,
		reported_at, loss_type, coverage, description, loss_zip, status, estimate, reserve, paid, adjuster_id,
		fraud_score, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,0,$13,0,now(),now()) RETURNING id`,
		c.Number, c.PolicyID, c.CustomerID, c.LossDate, c.ReportedAt, c.LossType, c.Coverage, c.Description,
		c.LossZip, c.Status, c.Estimate, c.Reserve, db.NullInt64(c.AdjusterID)).Scan(&c.ID)
	return errs.Wrap("claimsdb.Insert", err)
}

func (r *Repo) UpdateStatus(ctx context.Context, id int64, from []domain.ClaimStatus, to domain.ClaimStatus) error {
	args := []any{id, to}
	for _, s := range from {
		args = append(args, s)
	}
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE claims SET status = $2, updated_at = now()
		WHERE id = $1 AND status IN (`+db.Placeholders(len(from), 3)+`)`, args...)
	if err != nil {
		return errs.Wrap("claimsdb.UpdateStatus", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflictf("claimsdb.UpdateStatus", "claim %d cannot move to %s", id, to)
	}
	return nil
}

func (r *Repo) SetAdjuster(ctx context.Context, id, adjusterID int64) error {
	_, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE claims SET adjuster_id = $2, updated_at = now() WHERE id = $1`, id, adjusterID)
	return errs.Wrap("claimsdb.SetAdjuster", err)
}

func (r *Repo) SetFraudScore(ctx context.Context, id int64, score float64) error {
	_, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE claims SET fraud_score = $2 WHERE id = $1`, id, score)
	return errs.Wrap("claimsdb.SetFraudScore", err)
}

// SetReserve changes the reserve and records the history row required by
// the statutory reporting team.
func (r *Repo) SetReserve(ctx context.Context, id int64, amount money.Money, reason, by string) error {
	q := db.Q(ctx, r.db)
	if _, err := q.ExecContext(ctx, `UPDATE claims SET reserve = $2, updated_at = now() WHERE id = $1`, id, amount); err != nil {
		return errs.Wrap("claimsdb.SetReserve", err)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO claim_reserve_history (claim_id, amount, reason, changed_by, changed_at)
		VALUES ($1,$2,$3,$4,now())`, id, amount, reason, by)
	return errs.Wrap("claimsdb.SetReserve", err)
}

// AddPayment records an indemnity payment and bumps claims.paid.
func (r *Repo) AddPayment(ctx context.Context, claimID int64, amount money.Money, payee, method string) (int64, error) {
	q := db.Q(ctx, r.db)
	var id int64
	err := q.QueryRowContext(ctx, `INSERT INTO claim_payments (claim_id, amount, payee, method, paid_at)
		VALUES ($1,$2,$3,$4,now()) RETURNING id`, claimID, amount, payee, method).Scan(&id)
	if err != nil {
		return 0, errs.Wrap("claimsdb.AddPayment", err)
	}
	_, err = q.ExecContext(ctx, `UPDATE claims SET paid = paid + $2, reserve = GREATEST(reserve - $2, 0), updated_at = now()
		WHERE id = $1`, claimID, amount)
	return id, errs.Wrap("claimsdb.AddPayment", err)
}

func (r *Repo) AddNote(ctx context.Context, claimID int64, author, text string) error {
	_, err := db.Q(ctx, r.db).ExecContext(ctx, `INSERT INTO claim_notes (claim_id, author, body, created_at)
		VALUES ($1,$2,$3,now())`, claimID, author, text)
	return errs.Wrap("claimsdb.AddNote", err)
}

// LossHistory summarises a customer's claims since a date.
type LossHistory struct {
	Count    int
	AtFault  int
	Incurred money.Money
}

func (r *Repo) LossHistorySince(ctx context.Context, customerID int64, since time.Time) (LossHistory, error) {
	var h LossHistory
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT count(*),
		count(*) FILTER (WHERE loss_type IN ('COLLISION','LIABILITY')),
		COALESCE(sum(paid + reserve), 0)
		FROM claims WHERE customer_id = $1 AND loss_date >= $2 AND status <> 'DENIED'`, customerID, since).
		Scan(&h.Count, &h.AtFault, &h.Incurred)
	return h, errs.Wrap("claimsdb.LossHistorySince", err)
}

// CountRecentByZip counts claims reported near a location; a fraud signal.
func (r *Repo) CountRecentByZip(ctx context.Context, zip string, since time.Time) (int, error) {
	var n int
	err := db.Q(ctx, r.db).QueryRowContext(ctx,
		`SELECT count(*) FROM claims WHERE loss_zip = $1 AND reported_at >= $2`, zip, since).Scan(&n)
	return n, errs.Wrap("claimsdb.CountRecentByZip", err)
}
