// Package accounts is the persistence layer for tenants, users, roles,
// departments and API credentials.
package accounts

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
)

type Store struct{ db *sql.DB }

func New(db *sql.DB) *Store { return &Store{db: db} }

func (s *Store) GetTenant(ctx context.Context, id string) (models.Tenant, error) {
	var t models.Tenant
	err := s.db.QueryRowContext(ctx, `SELECT id, name, subdomain, status, currency, created_at FROM tenants WHERE id = $1`, id).
		Scan(&t.ID, &t.Name, &t.Subdomain, &t.Status, &t.Currency, &t.CreatedAt)
	if dbx.NoRows(err) {
		return t, errs.NotFound("tenant")
	}
	return t, err
}

func (s *Store) CreateTenant(ctx context.Context, q dbx.Querier, t models.Tenant) error {
	_, err := q.ExecContext(ctx,
		`INSERT INTO tenants (id, name, subdomain, status, currency, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		t.ID, t.Name, t.Subdomain, t.Status, t.Currency, t.CreatedAt)
	if dbx.IsUniqueViolation(err) {
		return errs.Conflict("subdomain %q is taken", t.Subdomain)
	}
	return err
}

func (s *Store) SetTenantStatus(ctx context.Context, id string, status models.TenantStatus) error {
	_, err := s.db.ExecContext(ctx, `UPDATE tenants SET status = $2, updated_at = now() WHERE id = $1`, id, status)
	return err
}

func (s *Store) CreateUser(ctx context.Context, q dbx.Querier, u models.User) error {
	_, err := q.ExecContext(ctx,
		`INSERT INTO users (id, tenant_id, email, name, department_id, active, created_at)
		 VALUES ($1, $2, lower($3), $4, $5, true, $6)`,
		u.ID, u.TenantID, u.Email, u.Name, dbx.NullString(u.DepartmentID), u.CreatedAt)
	if dbx.IsUniqueViolation(err) {
		return errs.Conflict("a user with email %s already exists", u.Email)
	}
	for i := 0; err == nil && i < len(u.Roles); i++ {
		_, err = q.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, u.ID, u.Roles[i])
	}
	return err
}

// userCols aggregates roles so a user is one row.
const userCols = `u.id, u.tenant_id, u.email, u.name, coalesce(u.department_id, ''), u.active, u.created_at,
	coalesce((SELECT string_agg(role, ',' ORDER BY role) FROM user_roles ur WHERE ur.user_id = u.id), '')`

func scanUser(row dbx.Scanner) (models.User, error) {
	var u models.User
	var roles string
	err := row.Scan(&u.ID, &u.TenantID, &u.Email, &u.Name, &u.DepartmentID, &u.Active, &u.CreatedAt, &roles)
	if roles != "" {
		u.Roles = strings.Split(roles, ",")
	}
	return u, err
}

func (s *Store) user(ctx context.Context, notFound error, query string, args ...any) (models.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, query, args...))
	if dbx.NoRows(err) {
		return u, notFound
	}
	return u, err
}

func (s *Store) GetUser(ctx context.Context, tenantID, id string) (models.User, error) {
	return s.user(ctx, errs.NotFound("user"), `SELECT `+userCols+` FROM users u WHERE u.tenant_id = $1 AND u.id = $2`, tenantID, id)
}

func (s *Store) ListUsers(ctx context.Context, tenantID string) ([]models.User, error) {
	return dbx.Collect(scanUser)(s.db.QueryContext(ctx,
		`SELECT `+userCols+` FROM users u WHERE u.tenant_id = $1 AND u.active ORDER BY u.name`, tenantID))
}

// UsersWithRole returns active users holding role.
func (s *Store) UsersWithRole(ctx context.Context, tenantID, role string) ([]models.User, error) {
	return dbx.Collect(scanUser)(s.db.QueryContext(ctx,
		`SELECT `+userCols+` FROM users u JOIN user_roles r ON r.user_id = u.id
		 WHERE u.tenant_id = $1 AND r.role = $2 AND u.active ORDER BY u.created_at`, tenantID, role))
}

func (s *Store) DeactivateUser(ctx context.Context, tenantID, id string) error {
	return dbx.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET active = false WHERE tenant_id = $1 AND id = $2`, tenantID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.NotFound("user")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
		return err
	})
}

// LookupAPIKey resolves a hashed key to its owning user.
func (s *Store) LookupAPIKey(ctx context.Context, hash string) (models.User, error) {
	return s.user(ctx, errs.Unauthorized(),
		`SELECT `+userCols+` FROM api_keys k JOIN users u ON u.id = k.user_id JOIN tenants t ON t.id = u.tenant_id
		 WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND u.active AND t.status <> 'suspended'`, hash)
}

// LookupSession resolves a hashed browser session token.
func (s *Store) LookupSession(ctx context.Context, hash string, now time.Time) (models.User, error) {
	return s.user(ctx, errs.Unauthorized(),
		`SELECT `+userCols+` FROM sessions s JOIN users u ON u.id = s.user_id
		 WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`, hash, now)
}

func scanDept(row dbx.Scanner) (models.Department, error) {
	var d models.Department
	err := row.Scan(&d.ID, &d.TenantID, &d.Name, &d.HeadID)
	return d, err
}

func (s *Store) ListDepartments(ctx context.Context, tenantID string) ([]models.Department, error) {
	return dbx.Collect(scanDept)(s.db.QueryContext(ctx,
		`SELECT id, tenant_id, name, coalesce(head_id, '') FROM departments WHERE tenant_id = $1 ORDER BY name`, tenantID))
}

func (s *Store) GetDepartment(ctx context.Context, tenantID, id string) (models.Department, error) {
	d, err := scanDept(s.db.QueryRowContext(ctx,
		`SELECT id, tenant_id, name, coalesce(head_id, '') FROM departments WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if dbx.NoRows(err) {
		return d, errs.NotFound("department")
	}
	return d, err
}

func (s *Store) CreateDepartment(ctx context.Context, q dbx.Querier, d models.Department) error {
	_, err := q.ExecContext(ctx, `INSERT INTO departments (id, tenant_id, name, head_id) VALUES ($1, $2, $3, $4)`,
		d.ID, d.TenantID, d.Name, dbx.NullString(d.HeadID))
	return err
}
