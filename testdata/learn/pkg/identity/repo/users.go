// Package repo is identity's persistence layer (raw database/sql).
package repo

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/domain"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
)

// Users stores accounts.
type Users struct{ q db.Querier }

func NewUsers(q db.Querier) *Users { return &Users{q: q} }

const userCols = `id, email, name, role, locale, password_hash, email_verified, disabled, created_at, last_login_at`

func scanAccount(row interface{ Scan(...any) error }) (domain.Account, error) {
	var a domain.Account
	var last sql.NullTime
	var role string
	err := row.Scan(&a.ID, &a.Email, &a.Name, &role, &a.Locale, &a.PasswordHash, &a.EmailVerified, &a.Disabled, &a.CreatedAt, &last)
	a.Role = types.Role(role)
	a.LastLoginAt = db.TimePtr(last)
	return a, err
}

func (r *Users) Create(ctx context.Context, a domain.Account) error {
	_, err := r.q.ExecContext(ctx, `INSERT INTO users (`+userCols+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
		a.ID, a.Email, a.Name, string(a.Role), a.Locale, a.PasswordHash, a.EmailVerified, a.Disabled, a.CreatedAt, db.NullTime(a.LastLoginAt))
	if err != nil && strings.Contains(err.Error(), "users_email_key") {
		return errs.E(errs.Conflict, "users.create", "email already registered")
	}
	return err
}

func (r *Users) ByID(ctx context.Context, id types.UserID) (domain.Account, error) {
	a, err := scanAccount(r.q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	if err != nil {
		return a, db.NotFound("users.by_id", err)
	}
	return a, nil
}

func (r *Users) ByEmail(ctx context.Context, email string) (domain.Account, error) {
	a, err := scanAccount(r.q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE email = $1`, email))
	if err != nil {
		return a, db.NotFound("users.by_email", err)
	}
	return a, nil
}

// ByIDs loads several users at once (forum thread authors, instructor lists).
func (r *Users) ByIDs(ctx context.Context, ids []types.UserID) ([]domain.Account, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i] = "$" + itoa(i+1)
		args[i] = id
	}
	rows, err := r.q.QueryContext(ctx, `SELECT `+userCols+` FROM users WHERE id IN (`+strings.Join(ph, ",")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (r *Users) UpdatePassword(ctx context.Context, id types.UserID, hash string) error {
	_, err := r.q.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, hash)
	return err
}

func (r *Users) UpdateProfile(ctx context.Context, id types.UserID, name, locale string) error {
	_, err := r.q.ExecContext(ctx, `UPDATE users SET name = $2, locale = $3 WHERE id = $1`, id, name, locale)
	return err
}

func (r *Users) SetRole(ctx context.Context, id types.UserID, role types.Role) error {
	res, err := r.q.ExecContext(ctx, `UPDATE users SET role = $2 WHERE id = $1`, id, string(role))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "users.set_role", "no user %s", id)
	}
	return nil
}

func (r *Users) TouchLogin(ctx context.Context, id types.UserID, at time.Time) error {
	_, err := r.q.ExecContext(ctx, `UPDATE users SET last_login_at = $2 WHERE id = $1`, id, at)
	return err
}

func (r *Users) MarkVerified(ctx context.Context, id types.UserID) error {
	_, err := r.q.ExecContext(ctx, `UPDATE users SET email_verified = true WHERE id = $1`, id)
	return err
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
