package repo

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/domain"
	"quill.dev/academy/pkg/platform/db"
)

// Sessions stores login sessions, reset tokens and external identities.
type Sessions struct{ q db.Querier }

func NewSessions(q db.Querier) *Sessions { return &Sessions{q: q} }

func (r *Sessions) Create(ctx context.Context, s domain.Session) error {
	_, err := r.q.ExecContext(ctx, `INSERT INTO sessions (id, user_id, user_agent, ip, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6)`,
		s.ID, s.UserID, s.UserAgent, s.IP, s.CreatedAt, s.ExpiresAt)
	return err
}

func (r *Sessions) Get(ctx context.Context, id string) (domain.Session, error) {
	var s domain.Session
	var revoked sql.NullTime
	err := r.q.QueryRowContext(ctx, `SELECT id, user_id, user_agent, ip, created_at, expires_at, revoked_at FROM sessions WHERE id = $1`, id).
		Scan(&s.ID, &s.UserID, &s.UserAgent, &s.IP, &s.CreatedAt, &s.ExpiresAt, &revoked)
	if err != nil {
		return s, db.NotFound("sessions.get", err)
	}
	s.RevokedAt = db.TimePtr(revoked)
	return s, nil
}

func (r *Sessions) Revoke(ctx context.Context, id string, at time.Time) error {
	_, err := r.q.ExecContext(ctx, `UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, at)
	return err
}

func (r *Sessions) RevokeAll(ctx context.Context, uid types.UserID, at time.Time) error {
	_, err := r.q.ExecContext(ctx, `UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, uid, at)
	return err
}

func (r *Sessions) CreateReset(ctx context.Context, pr domain.PasswordReset) error {
	_, err := r.q.ExecContext(ctx, `INSERT INTO password_resets (token, user_id, expires_at) VALUES ($1,$2,$3)`, pr.Token, pr.UserID, pr.ExpiresAt)
	return err
}

func (r *Sessions) ConsumeReset(ctx context.Context, token string, now time.Time) (types.UserID, error) {
	var uid types.UserID
	err := r.q.QueryRowContext(ctx, `UPDATE password_resets SET used_at = $2
		WHERE token = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`, token, now).Scan(&uid)
	if err != nil {
		return "", db.NotFound("password_resets.consume", err)
	}
	return uid, nil
}
