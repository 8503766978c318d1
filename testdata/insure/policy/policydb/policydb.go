// Package policydb persists policies.
// Tables: policies, policy_coverages, policy_versions, policy_number_seq.
package policydb

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
)

type Repo struct {
	db *db.DB
}

func New(pool *db.DB) *Repo { return &Repo{db: pool} }

const policyCols = `id, number, quote_id, customer_id, agent_id, lob, state, status, effective, expiry,
	term_months, version, risk_json, premium, billing_plan, renewal_of_id, cancel_reason, created_at, updated_at`

func scanPolicy(row interface{ Scan(...any) error }) (*domain.Policy, error) {
	var p domain.Policy
	var agentID, renewalOf sql.NullInt64
	var reason sql.NullString
	var riskJSON []byte
	err := row.Scan(&p.ID, &p.Number, &p.QuoteID, &p.CustomerID, &agentID, &p.LOB, &p.State, &p.Status,
		&p.Effective, &p.Expiry, &p.TermMonths, &p.Version, &riskJSON, &p.Premium, &p.BillingPlan,
		&renewalOf, &reason, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	p.AgentID, p.RenewalOfID, p.CancelReason = agentID.Int64, renewalOf.Int64, reason.String
	if len(riskJSON) > 0 {
		if err := json.Unmarshal(riskJSON, &p.Risk); err != nil {
			return nil, errs.Wrap("policydb.scan risk", err)
		}
	}
	return &p, nil
}

func (r *Repo) loadCoverages(ctx context.Context, p *domain.Policy) error {
	rows, err := db.Q(ctx, r.db).QueryContext(ctx, `SELECT code, limit_cents, deductible_cents, premium_cents
		FROM policy_coverages WHERE policy_id = $1 AND version = $2 ORDER BY code`, p.ID, p.Version)
	if err != nil {
		return err
	}
	defer rows.Close()
	p.Coverages = p.Coverages[:0]
	for rows.Next() {
		var c domain.Coverage
		if err := rows.Scan(&c.Code, &c.Limit, &c.Deductible, &c.Premium); err != nil {
			return err
		}
		p.Coverages = append(p.Coverages, c)
	}
	return rows.Err()
}

func (r *Repo) getWhere(ctx context.Context, op, where string, arg any) (*domain.Policy, error) {
	row := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT `+policyCols+` FROM policies WHERE `+where, arg)
	p, err := scanPolicy(row)
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf(op, "policy %v", arg)
	}
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	return p, errs.Wrap(op, r.loadCoverages(ctx, p))
}

func (r *Repo) Get(ctx context.Context, id int64) (*domain.Policy, error) {
	return r.getWhere(ctx, "policydb.Get", "id = $1", id)
}

func (r *Repo) GetByNumber(ctx context.Context, number string) (*domain.Policy, error) {
	return r.getWhere(ctx, "policydb.GetByNumber", "number = $1", number)
}

// GetForUpdate locks the policy row for the rest of the transaction.
func (r *Repo) GetForUpdate(ctx context.Context, id int64) (*domain.Policy, error) {
	return r.getWhere(ctx, "policydb.GetForUpdate", "id = $1 FOR UPDATE", id)
}

func (r *Repo) list(ctx context.Context, op, query string, args ...any) ([]*domain.Policy, error) {
	rows, err := db.Q(ctx, r.db).QueryContext(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	var out []*domain.Policy
	for rows.Next() {
		p, err := scanPolicy(rows)
		if err != nil {
			rows.Close()
			return nil, errs.Wrap(op, err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(op, err)
	}
	for _, p := range out {
		if err := r.loadCoverages(ctx, p); err != nil {
			return nil, errs.Wrap(op, err)
		}
	}
	return out, nil
}

func (r *Repo) ListByCustomer(ctx context.Context, customerID int64) ([]*domain.Policy, error) {
	return r.list(ctx, "policydb.ListByCustomer",
		`SELECT `+policyCols+` FROM policies WHERE customer_id = $1 ORDER BY effective DESC`, customerID)
}

// ExpiringBetween returns active policies expiring in [from, to) with no renewal yet.
func (r *Repo) ExpiringBetween(ctx context.Context, from, to time.Time) ([]*domain.Policy, error) {
	return r.list(ctx, "policydb.ExpiringBetween", `SELECT `+policyCols+` FROM policies p
		WHERE status = 'ACTIVE' AND expiry >= $1 AND expiry < $2
		AND NOT EXISTS (SELECT 1 FROM policies r WHERE r.renewal_of_id = p.id)
		ORDER BY expiry`, from, to)
}

// CountActiveByCustomer counts in-force policies for a customer.
func (r *Repo) CountActiveByCustomer(ctx context.Context, customerID int64) (int, error) {
	var n int
	err := db.Q(ctx, r.db).QueryRowContext(ctx,
		`SELECT count(*) FROM policies WHERE customer_id = $1 AND status IN ('ACTIVE','PENDING')`, customerID).Scan(&n)
	return n, errs.Wrap("policydb.CountActiveByCustomer", err)
}

// NextSeq returns the next policy number sequence value.
func (r *Repo) NextSeq(ctx context.Context) (int64, error) {
	var n int64
	err := db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT nextval('policy_number_seq')`).Scan(&n)
	return n, errs.Wrap("policydb.NextSeq", err)
}

func (r *Repo) Insert(ctx context.Context, p *domain.Policy) error {
	riskJSON, err := json.Marshal(p.Risk)
	if err != nil {
		return errs.Wrap("policydb.Insert", err)
	}
	q := db.Q(ctx, r.db)
	err = q.QueryRowContext(ctx, `INSERT INTO policies (number, quote_id, customer_id, agent_id, lob, state, status,
		effective, expiry, term_months, version, risk_json, premium, billing_plan, renewal_of_id, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,now(),now()) RETURNING id`,
		p.Number, p.QuoteID, p.CustomerID, db.NullInt64(p.AgentID), p.LOB, p.State, p.Status,
		p.Effective, p.Expiry, p.TermMonths, p.Version, riskJSON, p.Premium, p.BillingPlan,
		db.NullInt64(p.RenewalOfID)).Scan(&p.ID)
	if err != nil {
		return errs.Wrap("policydb.Insert", err)
	}
	return r.insertCoverages(ctx, q, p)
}

func (r *Repo) insertCoverages(ctx context.Context, q db.Querier, p *domain.Policy) error {
	for _, c := range p.Coverages {
		if _, err := q.ExecContext(ctx, `INSERT INTO policy_coverages
			(policy_id, version, code, limit_cents, deductible_cents, premium_cents) VALUES ($1,$2,$3,$4,$5,$6)`,
			p.ID, p.Version, c.Code, c.Limit, c.Deductible, c.Premium); err != nil {
			return errs.Wrap("policydb.insertCoverages", err)
		}
	}
	return nil
}

// SaveVersion stores a new version of p (endorsement) with its coverages
// and a snapshot row in policy_versions.
func (r *Repo) SaveVersion(ctx context.Context, p *domain.Policy, note string, effective time.Time) error {
	riskJSON, err := json.Marshal(p.Risk)
	if err != nil {
		return errs.Wrap("policydb.SaveVersion", err)
	}
	q := db.Q(ctx, r.db)
	res, err := q.ExecContext(ctx, `UPDATE policies SET version = $2, risk_json = $3, premium = $4, updated_at = now()
		WHERE id = $1 AND version = $2 - 1`, p.ID, p.Version, riskJSON, p.Premium)
	if err != nil {
		return errs.Wrap("policydb.SaveVersion", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflictf("policydb.SaveVersion", "policy %d was modified concurrently", p.ID)
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO policy_versions (policy_id, version, effective, note, premium, created_at)
		VALUES ($1,$2,$3,$4,$5,now())`, p.ID, p.Version, effective, note, p.Premium); err != nil {
		return errs.Wrap("policydb.SaveVersion", err)
	}
	return r.insertCoverages(ctx, q, p)
}

func (r *Repo) UpdateStatus(ctx context.Context, id int64, status domain.PolicyStatus, reason string) error {
	res, err := db.Q(ctx, r.db).ExecContext(ctx,
		`UPDATE policies SET status = $2, cancel_reason = $3, updated_at = now() WHERE id = $1`,
		id, status, db.NullString(reason))
	if err != nil {
		return errs.Wrap("policydb.UpdateStatus", err)
	}
	return db.MustAffect("policydb.UpdateStatus", res, "policy")
}

// ExpireLapsedTerms flips ACTIVE policies past expiry to EXPIRED.
func (r *Repo) ExpireLapsedTerms(ctx context.Context, asOf time.Time) (int64, error) {
	res, err := db.Q(ctx, r.db).ExecContext(ctx,
		`UPDATE policies SET status = 'EXPIRED', updated_at = now() WHERE status = 'ACTIVE' AND expiry <= $1`, asOf)
	if err != nil {
		return 0, errs.Wrap("policydb.ExpireLapsedTerms", err)
	}
	return res.RowsAffected()
}
