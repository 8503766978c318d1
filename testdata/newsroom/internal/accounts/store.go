package accounts

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/dailyherald/newsroom/internal/models"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
)

type store struct{ db *sql.DB }

const readerCols = `id, email, display_name, country, banned, email_opt_in, password_hash, created_at`

func scanReader(row interface{ Scan(...any) error }) (*models.Reader, error) {
	var r models.Reader
	if err := row.Scan(&r.ID, &r.Email, &r.DisplayName, &r.Country, &r.Banned, &r.EmailOptIn, &r.PasswordHash, &r.CreatedAt); err != nil {
		if db.IsNoRows(err) {
			return nil, errs.NotFoundf("reader not found")
		}
		return nil, err
	}
	return &r, nil
}

func (s *store) readerByID(ctx context.Context, id string) (*models.Reader, error) {
	return scanReader(s.db.QueryRowContext(ctx, `SELECT `+readerCols+` FROM readers WHERE id = $1`, id))
}

func (s *store) readerByEmail(ctx context.Context, email string) (*models.Reader, error) {
	return scanReader(s.db.QueryRowContext(ctx,
		`SELECT `+readerCols+` FROM readers WHERE lower(email) = lower($1)`, email))
}

func (s *store) insertReader(ctx context.Context, r *models.Reader) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO readers (id, email, display_name, country, banned, email_opt_in, password_hash, created_at)
		VALUES ($1, $2, $3, $4, false, $5, $6, $7)`,
		r.ID, strings.ToLower(r.Email), r.DisplayName, r.Country, r.EmailOptIn, r.PasswordHash, r.CreatedAt)
	if db.IsUniqueViolation(err) {
		return errs.Conflictf("an account with that email already exists")
	}
	return err
}

func (s *store) setBanned(ctx context.Context, id string, banned bool, reason string) error {
	res, err := s.db.ExecContext(ctx,
		`UPDATE readers SET banned = $2, banned_reason = $3, updated_at = now() WHERE id = $1`,
		id, banned, db.NullString(reason))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.NotFoundf("reader %s not found", id)
	}
	return nil
}

func (s *store) insertSession(ctx context.Context, token, readerID string, expires time.Time) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO reader_sessions (token, reader_id, expires_at, created_at) VALUES ($1, $2, $3, now())`,
		token, readerID, expires)
	return err
}

func (s *store) sessionReader(ctx context.Context, token string) (string, time.Time, error) {
	var readerID string
	var expires time.Time
	err := s.db.QueryRowContext(ctx,
		`SELECT reader_id, expires_at FROM reader_sessions WHERE token = $1 AND revoked_at IS NULL`, token).
		Scan(&readerID, &expires)
	if db.IsNoRows(err) {
		return "", time.Time{}, errs.E(errs.Unauthorized, "unknown session")
	}
	return readerID, expires, err
}

func (s *store) staffByTokenHash(ctx context.Context, hash string) (*models.StaffUser, error) {
	var u models.StaffUser
	var roles string
	err := s.db.QueryRowContext(ctx, `
		SELECT u.id, u.email, u.name, u.roles
		FROM staff_users u JOIN staff_api_tokens t ON t.staff_user_id = u.id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = false`, hash).
		Scan(&u.ID, &u.Email, &u.Name, &roles)
	if db.IsNoRows(err) {
		return nil, errs.E(errs.Unauthorized, "unknown staff token")
	}
	if err != nil {
		return nil, err
	}
	u.Roles = strings.Split(roles, ",")
	return &u, nil
}

func (s *store) purgeExpiredSessions(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM reader_sessions WHERE expires_at < now() - interval '7 days'`)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
