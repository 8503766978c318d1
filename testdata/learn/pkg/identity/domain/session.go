package domain

import (
	"time"

	"quill.dev/academy/pkg/common/types"
)

// Session is a refreshable login session (one per device).
type Session struct {
	ID        string
	UserID    types.UserID
	UserAgent string
	IP        string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
}

// Active reports whether the session can still be used at now.
func (s Session) Active(now time.Time) bool {
	return s.RevokedAt == nil && now.Before(s.ExpiresAt)
}

// PasswordReset is a single-use reset token.
type PasswordReset struct {
	Token     string
	UserID    types.UserID
	ExpiresAt time.Time
	UsedAt    *time.Time
}
