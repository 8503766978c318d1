package deals

import (
	"context"
	"database/sql"
	"time"

	sq "github.com/Masterminds/squirrel"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

var columns = []string{"id", "tenant_id", "owner_id", "pipeline_id", "stage_id", "COALESCE(contact_id, '')", "COALESCE(company_id, '')",
	"title", "amount", "currency", "status", "COALESCE(lost_reason, '')", "expected_close", "closed_at", "last_activity_at",
	"stage_changed_at", "created_at", "updated_at"}

func scan(s interface{ Scan(...any) error }) (core.Deal, error) {
	var d core.Deal
	var exp, closed, last sql.NullTime
	err := s.Scan(&d.ID, &d.TenantID, &d.OwnerID, &d.PipelineID, &d.StageID, &d.ContactID, &d.CompanyID, &d.Title,
		&d.Value.Amount, &d.Value.Currency, &d.Status, &d.LostReason, &exp, &closed, &last, &d.StageChangedAt, &d.CreatedAt, &d.UpdatedAt)
	d.ExpectedClose, d.ClosedAt, d.LastActivityAt = db.TimePtr(exp), db.TimePtr(closed), db.TimePtr(last)
	return d, err
}

// Repo is the SQL store for deals.
type Repo struct{ DB *sql.DB }

// Insert creates a deal.
func (r *Repo) Insert(ctx context.Context, d core.Deal) error {
	_, err := r.DB.ExecContext(ctx, `INSERT INTO deals (id, tenant_id, owner_id, pipeline_id, stage_id, contact_id, company_id, title,
		amount, currency, status, expected_close, stage_changed_at, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
		d.ID, d.TenantID, d.OwnerID, d.PipelineID, d.StageID, db.NullString(string(d.ContactID)), db.NullString(string(d.CompanyID)),
		d.Title, d.Value.Amount, d.Value.Currency, d.Status, db.NullTime(d.ExpectedClose), d.StageChangedAt, d.CreatedAt, d.UpdatedAt)
	return err
}

// Get loads a deal.
func (r *Repo) Get(ctx context.Context, tenantID, id core.ID) (core.Deal, error) {
	q, args, err := psql.Select(columns...).From("deals").
		Where(sq.Eq{"tenant_id": tenantID, "id": id, "deleted_at": nil}).ToSql()
	if err != nil {
		return core.Deal{}, err
	}
	d, err := scan(r.DB.QueryRowContext(ctx, q, args...))
	return d, db.NoRows(err, "deal")
}

// Filter narrows List.
type Filter struct {
	OwnerIDs   []core.ID
	PipelineID core.ID
	StageID    core.ID
	Status     core.DealStatus
	ContactID  core.ID
	CompanyID  core.ID
	ClosingBy  *time.Time
	MinAmount  int64
}

func (f Filter) apply(b sq.SelectBuilder) sq.SelectBuilder {
	eq := sq.Eq{}
	if len(f.OwnerIDs) > 0 {
		eq["owner_id"] = f.OwnerIDs
	}
	if f.PipelineID != "" {
		eq["pipeline_id"] = f.PipelineID
	}
	if f.StageID != "" {
		eq["stage_id"] = f.StageID
	}
	if f.Status != "" {
		eq["status"] = f.Status
	}
	if f.ContactID != "" {
		eq["contact_id"] = f.ContactID
	}
	if f.CompanyID != "" {
		eq["company_id"] = f.CompanyID
	}
	if len(eq) > 0 {
		b = b.Where(eq)
	}
	if f.ClosingBy != nil {
		b = b.Where(sq.LtOrEq{"expected_close": *f.ClosingBy})
	}
	if f.MinAmount > 0 {
		b = b.Where(sq.GtOrEq{"amount": f.MinAmount})
	}
	return b
}

// List pages through deals.
func (r *Repo) List(ctx context.Context, tenantID core.ID, f Filter, p pagination.Params) ([]core.Deal, error) {
	b := psql.Select(columns...).From("deals").Where(sq.Eq{"tenant_id": tenantID, "deleted_at": nil})
	b = f.apply(b).OrderBy("updated_at DESC", "id").Limit(uint64(p.FetchLimit())).Offset(uint64(p.Offset))
	return r.query(ctx, b)
}

func (r *Repo) query(ctx context.Context, b sq.SelectBuilder) ([]core.Deal, error) {
	q, args, err := b.ToSql()
	if err != nil {
		return nil, err
	}
	return db.All(ctx, r.DB, scan, q, args...)
}

// OpenClosingBetween returns open deals expected to close in [from, to).
func (r *Repo) OpenClosingBetween(ctx context.Context, tenantID core.ID, from, to time.Time, owners []core.ID) ([]core.Deal, error) {
	b := psql.Select(columns...).From("deals").Where(sq.Eq{"tenant_id": tenantID, "deleted_at": nil, "status": core.DealOpen}).
		Where(sq.GtOrEq{"expected_close": from}).Where(sq.Lt{"expected_close": to})
	if len(owners) > 0 {
		b = b.Where(sq.Eq{"owner_id": owners})
	}
	return r.query(ctx, b)
}

// WonBetween returns deals won in [from, to).
func (r *Repo) WonBetween(ctx context.Context, tenantID core.ID, from, to time.Time, owners []core.ID) ([]core.Deal, error) {
	b := psql.Select(columns...).From("deals").Where(sq.Eq{"tenant_id": tenantID, "deleted_at": nil, "status": core.DealWon}).
		Where(sq.GtOrEq{"closed_at": from}).Where(sq.Lt{"closed_at": to})
	if len(owners) > 0 {
		b = b.Where(sq.Eq{"owner_id": owners})
	}
	return r.query(ctx, b)
}

// Stale returns open deals with no activity since before cutoff in a stage.
func (r *Repo) Stale(ctx context.Context, tenantID, stageID core.ID, cutoff time.Time) ([]core.Deal, error) {
	b := psql.Select(columns...).From("deals").Where(sq.Eq{"tenant_id": tenantID, "stage_id": stageID, "status": core.DealOpen, "deleted_at": nil}).
		Where("COALESCE(last_activity_at, stage_changed_at) < ?", cutoff)
	return r.query(ctx, b)
}

// Save writes the mutable fields of a deal.
func (r *Repo) Save(ctx context.Context, q db.Querier, d core.Deal) error {
	sqlStr, args, err := psql.Update("deals").SetMap(map[string]any{
		"owner_id": d.OwnerID, "stage_id": d.StageID, "pipeline_id": d.PipelineID, "title": d.Title,
		"contact_id": db.NullString(string(d.ContactID)), "company_id": db.NullString(string(d.CompanyID)),
		"amount": d.Value.Amount, "currency": d.Value.Currency, "status": d.Status, "lost_reason": db.NullString(d.LostReason),
		"expected_close": db.NullTime(d.ExpectedClose), "closed_at": db.NullTime(d.ClosedAt),
		"stage_changed_at": d.StageChangedAt, "updated_at": d.UpdatedAt,
	}).Where(sq.Eq{"tenant_id": d.TenantID, "id": d.ID}).ToSql()
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, sqlStr, args...)
	return err
}

// TouchActivity records the latest activity time on a deal.
func (r *Repo) TouchActivity(ctx context.Context, tenantID, id core.ID, at time.Time) error {
	_, err := r.DB.ExecContext(ctx, `UPDATE deals SET last_activity_at = GREATEST(COALESCE(last_activity_at, $3), $3)
		WHERE tenant_id = $1 AND id = $2`, tenantID, id, at)
	return err
}

// ReassignContact moves all deals from one contact to another.
func (r *Repo) ReassignContact(ctx context.Context, q db.Querier, tenantID, from, to core.ID) (int64, error) {
	res, err := q.ExecContext(ctx, `UPDATE deals SET contact_id = $3 WHERE tenant_id = $1 AND contact_id = $2`, tenantID, from, to)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// SoftDelete hides a deal.
func (r *Repo) SoftDelete(ctx context.Context, tenantID, id core.ID, at time.Time) error {
	_, err := r.DB.ExecContext(ctx, `UPDATE deals SET deleted_at = $3 WHERE tenant_id = $1 AND id = $2`, tenantID, id, at)
	return err
}
