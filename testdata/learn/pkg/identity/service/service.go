// Package service implements identity use cases: signup, login, password
// reset, social login and user lookup for other modules.
package service

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/identity/auth"
	"quill.dev/academy/pkg/identity/domain"
	"quill.dev/academy/pkg/identity/repo"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/events"
	"quill.dev/academy/pkg/platform/ids"
	"quill.dev/academy/pkg/platform/log"
	"quill.dev/academy/pkg/platform/mailer"
)

func init() {
	mailer.RegisterTemplate("identity/welcome", `Hi {{.Name}},

Welcome to Quill Academy! Start learning at {{.URL}}.
`)
	mailer.RegisterTemplate("identity/reset", `Hi {{.Name}},

Reset your password here (valid for 1 hour): {{.URL}}
If you did not request this, ignore this email.
`)
}

// Service is identity's application service.
type Service struct {
	Pool     *sql.DB
	Users    *repo.Users
	Sessions *repo.Sessions
	Signer   *auth.Signer
	Mail     mailer.Mailer
	Clock    clock.Clock
	BaseURL  string
	// SessionTTL is how long a refreshable session lives.
	SessionTTL time.Duration
}

// Credentials is returned on login.
type Credentials struct {
	AccessToken string     `json:"access_token"`
	SessionID   string     `json:"session_id"`
	User        types.User `json:"user"`
}

// SignupInput is the signup form.
type SignupInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Name     string `json:"name"`
	Locale   string `json:"locale"`
}

// Signup creates an account and logs the user in.
func (s *Service) Signup(ctx context.Context, in SignupInput, ua, ip string) (Credentials, error) {
	email, err := domain.NormalizeEmail(in.Email)
	if err != nil {
		return Credentials{}, err
	}
	if err := domain.ValidatePassword(in.Password); err != nil {
		return Credentials{}, err
	}
	hash, err := domain.HashPassword(in.Password)
	if err != nil {
		return Credentials{}, err
	}
	if in.Locale == "" {
		in.Locale = "en"
	}
	acct := domain.Account{
		ID: types.UserID(ids.New("usr")), Email: email, Name: in.Name, Role: types.RoleLearner,
		Locale: in.Locale, PasswordHash: hash, CreatedAt: s.Clock.Now(),
	}
	err = db.WithTx(ctx, s.Pool, func(tx *sql.Tx) error {
		if err := repo.NewUsers(tx).Create(ctx, acct); err != nil {
			return err
		}
		return events.PublishJSON(ctx, events.NewOutbox(tx), types.EventUserSignedUp,
			types.UserSignedUp{UserID: acct.ID, Email: acct.Email, Name: acct.Name})
	})
	if err != nil {
		return Credentials{}, err
	}
	if err := s.Mail.Send(ctx, mailer.Message{To: email, Subject: "Welcome to Quill Academy", Template: "identity/welcome",
		Data: map[string]string{"Name": acct.Public().DisplayName(), "URL": s.BaseURL}}); err != nil {
		log.From(ctx).Warn("welcome mail failed", "err", err)
	}
	return s.startSession(ctx, acct, ua, ip)
}

// Login checks a password and opens a session.
func (s *Service) Login(ctx context.Context, email, password, ua, ip string) (Credentials, error) {
	email, err := domain.NormalizeEmail(email)
	if err != nil {
		return Credentials{}, err
	}
	acct, err := s.Users.ByEmail(ctx, email)
	if err != nil || acct.Disabled || !domain.CheckPassword(acct.PasswordHash, password) {
		return Credentials{}, errs.E(errs.Unauthorized, "login", "invalid email or password")
	}
	return s.startSession(ctx, acct, ua, ip)
}

func (s *Service) startSession(ctx context.Context, acct domain.Account, ua, ip string) (Credentials, error) {
	now := s.Clock.Now()
	ttl := s.SessionTTL
	if ttl == 0 {
		ttl = 30 * 24 * time.Hour
	}
	sess := domain.Session{ID: ids.New("ses"), UserID: acct.ID, UserAgent: ua, IP: ip, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.Sessions.Create(ctx, sess); err != nil {
		return Credentials{}, err
	}
	_ = s.Users.TouchLogin(ctx, acct.ID, now)
	tok, err := s.Signer.Issue(auth.Principal{UserID: acct.ID, Role: acct.Role, SessionID: sess.ID}, now)
	if err != nil {
		return Credentials{}, err
	}
	return Credentials{AccessToken: tok, SessionID: sess.ID, User: acct.Public()}, nil
}

// Logout revokes a session.
func (s *Service) Logout(ctx context.Context, sessionID string) error {
	return s.Sessions.Revoke(ctx, sessionID, s.Clock.Now())
}

// SessionActive implements auth.SessionChecker.
func (s *Service) SessionActive(ctx context.Context, sessionID string) bool {
	sess, err := s.Sessions.Get(ctx, sessionID)
	return err == nil && sess.Active(s.Clock.Now())
}

// RequestPasswordReset emails a reset link. It never reveals whether the
// address exists.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	email, err := domain.NormalizeEmail(email)
	if err != nil {
		return err
	}
	acct, err := s.Users.ByEmail(ctx, email)
	if errs.Is(err, errs.NotFound) {
		return nil
	} else if err != nil {
		return err
	}
	pr := domain.PasswordReset{Token: ids.Token(24), UserID: acct.ID, ExpiresAt: s.Clock.Now().Add(time.Hour)}
	if err := s.Sessions.CreateReset(ctx, pr); err != nil {
		return err
	}
	return s.Mail.Send(ctx, mailer.Message{To: email, Subject: "Reset your password", Template: "identity/reset",
		Data: map[string]string{"Name": acct.Public().DisplayName(), "URL": s.BaseURL + "/reset?token=" + pr.Token}})
}

// ResetPassword consumes a token and sets a new password, revoking sessions.
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	if err := domain.ValidatePassword(password); err != nil {
		return err
	}
	now := s.Clock.Now()
	uid, err := s.Sessions.ConsumeReset(ctx, token, now)
	if err != nil {
		return errs.E(errs.Invalid, "reset", "reset link is invalid or expired")
	}
	hash, err := domain.HashPassword(password)
	if err != nil {
		return err
	}
	if err := s.Users.UpdatePassword(ctx, uid, hash); err != nil {
		return err
	}
	return s.Sessions.RevokeAll(ctx, uid, now)
}
