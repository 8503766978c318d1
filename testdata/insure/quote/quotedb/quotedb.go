// Package quotedb persists quotes. Table: quotes (risk and coverages as JSON).
package quotedb

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
)

type Repo struct{ db *db.DB }

func New(pool *db.DB) *Repo { return &Repo{db: pool} }

const cols = `id, ref, customer_id, agent_id, lob, state, status, effective, term_months, risk_json,
	coverages_json, premium, rate_version, uw_decision, uw_notes_json, expires_at, created_at, updated_at`

func scan(row interface{ Scan(...any) error }) (*domain.Quote, error) {
	var q domain.Quote
	var agent sql.NullInt64
	var uw, rateVer sql.NullString
	var risk, covs, notes []byte
	if err := row.Scan(&q.ID, &q.Ref, &q.CustomerID, &agent, &q.LOB, &q.State, &q.Status, &q.Effective,
		&q.TermMonths, &risk, &covs, &q.Premium, &rateVer, &uw, &notes, &q.ExpiresAt, &q.CreatedAt, &q.UpdatedAt); err != nil {
		return nil, err
	}
	q.AgentID, q.UWDecision, q.RateVersion = agent.Int64, domain.UWDecision(uw.String), rateVer.String
	for _, f := range []struct {
		raw []byte
		dst any
	}{{risk, &q.Risk}, {covs, &q.Coverages}, {notes, &q.UWNotes}} {
		if len(f.raw) > 0 {
			if err := json.Unmarshal(f.raw, f.dst); err != nil {
				return nil, err
			}
		}
	}
	return &q, nil
}

func (r *Repo) Get(ctx context.Context, id int64) (*domain.Quote, error) {
	q, err := scan(db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT `+cols+` FROM quotes WHERE id = $1`, id))
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("quotedb.Get", "quote %d", id)
	}
	return q, errs.Wrap("quotedb.Get", err)
}

func (r *Repo) GetByRef(ctx context.Context, ref string) (*domain.Quote, error) {
	q, err := scan(db.Q(ctx, r.db).QueryRowContext(ctx, `SELECT `+cols+` FROM quotes WHERE ref = $1`, ref))
	if db.IsNoRows(err) {
		return nil, errs.NotFoundf("quotedb.GetByRef", "quote %s", ref)
	}
	return q, errs.Wrap("quotedb.GetByRef", err)
}

func marshal(q *domain.Quote) (risk, covs, notes []byte, err error) {
	if risk, err = json.Marshal(q.Risk); err != nil {
		return
	}
	if covs, err = json.Marshal(q.Coverages); err != nil {
		return
	}
	notes, err = json.Marshal(q.UWNotes)
	return
}

func (r *Repo) Insert(ctx context.Context, q *domain.Quote) error {
	risk, covs, notes, err := marshal(q)
	if err != nil {
		return errs.Wrap("quotedb.Insert", err)
	}
	err = db.Q(ctx, r.db).QueryRowContext(ctx, `INSERT INTO quotes (ref, customer_id, agent_id, lob, state, status,
		effective, term_months, risk_json, coverages_json, premium, rate_version, uw_decision, uw_notes_json,
		expires_at, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,now(),now()) RETURNING id, created_at`,
		q.Ref, q.CustomerID, db.NullInt64(q.AgentID), q.LOB, q.State, q.Status, q.Effective, q.TermMonths,
		risk, covs, q.Premium, db.NullString(q.RateVersion), db.NullString(string(q.UWDecision)), notes,
		q.ExpiresAt).Scan(&q.ID, &q.CreatedAt)
	return errs.Wrap("quotedb.Insert", err)
}

func (r *Repo) Update(ctx context.Context, q *domain.Quote) error {
	risk, covs, notes, err := marshal(q)
	if err != nil {
		return errs.Wrap("quotedb.Update", err)
	}
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE quotes SET status=$2, effective=$3, risk_json=$4,
		coverages_json=$5, premium=$6, rate_version=$7, uw_decision=$8, uw_notes_json=$9, expires_at=$10,
		updated_at=now() WHERE id=$1`, q.ID, q.Status, q.Effective, risk, covs, q.Premium,
		db.NullString(q.RateVersion), db.NullString(string(q.UWDecision)), notes, q.ExpiresAt)
	if err != nil {
		return errs.Wrap("quotedb.Update", err)
	}
	return db.MustAffect("quotedb.Update", res, "quote")
}

func (r *Repo) SetStatus(ctx context.Context, id int64, from, to domain.QuoteStatus) error {
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE quotes SET status=$3, updated_at=now() WHERE id=$1 AND status=$2`, id, from, to)
	if err != nil {
		return errs.Wrap("quotedb.SetStatus", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.Conflictf("quotedb.SetStatus", "quote %d is not %s", id, from)
	}
	return nil
}

// ExpireBefore marks un-bound quotes past their expiry.
func (r *Repo) ExpireBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := db.Q(ctx, r.db).ExecContext(ctx, `UPDATE quotes SET status='EXPIRED', updated_at=now()
		WHERE status IN ('DRAFT','RATED','REFERRED','ACCEPTED') AND expires_at < $1`, t)
	if err != nil {
		return 0, errs.Wrap("quotedb.ExpireBefore", err)
	}
	return res.RowsAffected()
}
