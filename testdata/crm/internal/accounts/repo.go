package accounts

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// Repo is the SQL store for tenants and users.
type Repo struct{ DB *sql.DB }

const userCols = `id, tenant_id, email, name, role, COALESCE(team_id, ''), created_at, deactivated_at`

func scanUser(s interface{ Scan(...any) error }) (core.User, error) {
	var u core.User
	var deact sql.NullTime
	err := s.Scan(&u.ID, &u.TenantID, &u.Email, &u.Name, &u.Role, &u.TeamID, &u.CreatedAt, &deact)
	u.DeactivatedAt = db.TimePtr(deact)
	return u, err
}

// InsertTenant creates a tenant row.
func (r *Repo) InsertTenant(ctx context.Context, q db.Querier, t core.Tenant) error {
	_, err := q.ExecContext(ctx, `INSERT INTO tenants (id, name, slug, plan, status, timezone, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7)`, t.ID, t.Name, t.Slug, t.Plan, t.Status, t.Timezone, t.CreatedAt)
	return err
}

// GetTenant loads a tenant.
func (r *Repo) GetTenant(ctx context.Context, id core.ID) (core.Tenant, error) {
	var t core.Tenant
	err := r.DB.QueryRowContext(ctx, `SELECT id, name, slug, plan, status, timezone, created_at FROM tenants WHERE id = $1`, id).
		Scan(&t.ID, &t.Name, &t.Slug, &t.Plan, &t.Status, &t.Timezone, &t.CreatedAt)
	return t, db.NoRows(err, "tenant")
}

// SetTenantPlan updates the denormalised plan and status.
func (r *Repo) SetTenantPlan(ctx context.Context, id core.ID, plan core.PlanTier, status core.TenantStatus) error {
	_, err := r.DB.ExecContext(ctx, `UPDATE tenants SET plan = $2, status = $3 WHERE id = $1`, id, plan, status)
	return err
}

// ActiveTenantIDs lists tenants that background jobs should process.
func (r *Repo) ActiveTenantIDs(ctx context.Context) ([]core.ID, error) {
	return db.All(ctx, r.DB, db.ScanID[core.ID], `SELECT id FROM tenants WHERE status IN ('trialing', 'active', 'past_due') ORDER BY id`)
}

// InsertUser creates a user row.
func (r *Repo) InsertUser(ctx context.Context, q db.Querier, u core.User, hash, salt []byte) error {
	_, err := q.ExecContext(ctx, `INSERT INTO users (id, tenant_id, email, name, role, password_hash, password_salt, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, u.ID, u.TenantID, strings.ToLower(u.Email), u.Name, u.Role, hash, salt, u.CreatedAt)
	return err
}

// GetUser loads a user within a tenant.
func (r *Repo) GetUser(ctx context.Context, tenantID, id core.ID) (core.User, error) {
	u, err := scanUser(r.DB.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	return u, db.NoRows(err, "user")
}

// UsersByIDs loads several users (for reminders and digests).
func (r *Repo) UsersByIDs(ctx context.Context, tenantID core.ID, ids []core.ID) (map[core.ID]core.User, error) {
	out := map[core.ID]core.User{}
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{tenantID}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := r.DB.QueryContext(ctx, `SELECT `+userCols+` FROM users WHERE tenant_id = $1 AND id IN (`+db.Placeholders(2, len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out[u.ID] = u
	}
	return out, rows.Err()
}

// ListUsers pages through a tenant's users.
func (r *Repo) ListUsers(ctx context.Context, tenantID core.ID, includeInactive bool, p pagination.Params) ([]core.User, error) {
	q := `SELECT ` + userCols + ` FROM users WHERE tenant_id = $1`
	if !includeInactive {
		q += ` AND deactivated_at IS NULL`
	}
	return db.All(ctx, r.DB, scanUser, q+` ORDER BY name, id`+p.SQL(), tenantID)
}

// Deactivate frees a seat.
func (r *Repo) Deactivate(ctx context.Context, tenantID, id core.ID, at time.Time) error {
	_, err := r.DB.ExecContext(ctx, `UPDATE users SET deactivated_at = $3 WHERE tenant_id = $1 AND id = $2 AND deactivated_at IS NULL`, tenantID, id, at)
	return err
}

type credentials struct {
	user core.User
	hash []byte
	salt []byte
}

func (r *Repo) credentialsByEmail(ctx context.Context, tenantSlug, email string) (credentials, error) {
	var c credentials
	var deact sql.NullTime
	err := r.DB.QueryRowContext(ctx, `SELECT u.id, u.tenant_id, u.email, u.name, u.role, COALESCE(u.team_id, ''), u.created_at, u.deactivated_at,
			COALESCE(u.password_hash, ''), COALESCE(u.password_salt, '')
		FROM users u JOIN tenants t ON t.id = u.tenant_id
		WHERE t.slug = $1 AND lower(u.email) = lower($2)`, tenantSlug, email).
		Scan(&c.user.ID, &c.user.TenantID, &c.user.Email, &c.user.Name, &c.user.Role, &c.user.TeamID, &c.user.CreatedAt, &deact, &c.hash, &c.salt)
	c.user.DeactivatedAt = db.TimePtr(deact)
	return c, db.NoRows(err, "user")
}
