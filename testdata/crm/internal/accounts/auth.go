package accounts

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

const pbkdf2Iter = 210_000

// HashPassword derives a password hash with a fresh salt.
func HashPassword(pw string) (hash, salt []byte, err error) {
	if len(pw) < 10 {
		return nil, nil, errs.Invalid("password must be at least 10 characters")
	}
	salt = make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, nil, err
	}
	hash, err = pbkdf2.Key(sha256.New, pw, salt, pbkdf2Iter, 32)
	return hash, salt, err
}

func checkPassword(pw string, hash, salt []byte) bool {
	if len(hash) == 0 {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, pw, salt, pbkdf2Iter, 32)
	return err == nil && subtle.ConstantTimeCompare(got, hash) == 1
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CreateSession issues a bearer token for u.
func (s *Service) CreateSession(ctx context.Context, q db.Querier, u core.User) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	token := "pls_" + base64.RawURLEncoding.EncodeToString(b[:])
	now := s.Clock.Now()
	_, err := q.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, tenant_id, created_at, expires_at) VALUES ($1,$2,$3,$4,$5)`,
		tokenHash(token), u.ID, u.TenantID, now, now.Add(s.SessionTTL))
	return token, err
}

// Login verifies credentials and returns a session token.
func (s *Service) Login(ctx context.Context, tenantSlug, email, password string) (string, core.User, error) {
	c, err := s.Repo.credentialsByEmail(ctx, tenantSlug, email)
	if err != nil || !c.user.Active() || !checkPassword(password, c.hash, c.salt) {
		return "", core.User{}, errs.E(errs.KindUnauthorized, "accounts.Login", "invalid email or password")
	}
	token, err := s.CreateSession(ctx, s.Repo.DB, c.user)
	return token, c.user, err
}

// Authenticate implements tenancy.Authenticator.
func (s *Service) Authenticate(ctx context.Context, token string) (tenancy.Principal, error) {
	var p tenancy.Principal
	var expires time.Time
	err := s.Repo.DB.QueryRowContext(ctx, `SELECT u.tenant_id, u.id, u.role, t.plan, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id JOIN tenants t ON t.id = u.tenant_id
		WHERE s.token_hash = $1 AND u.deactivated_at IS NULL AND t.status <> 'suspended'`, tokenHash(token)).
		Scan(&p.TenantID, &p.UserID, &p.Role, &p.Plan, &expires)
	if err != nil {
		return p, errs.Unauthorized()
	}
	if s.Clock.Now().After(expires) {
		return p, errs.E(errs.KindUnauthorized, "accounts.Authenticate", "session expired")
	}
	return p, nil
}

// PurgeExpiredSessions deletes stale sessions; run nightly.
func (s *Service) PurgeExpiredSessions(ctx context.Context) (int64, error) {
	res, err := s.Repo.DB.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, s.Clock.Now())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
