package auth

import (
	"context"
	"net/http"
	"strings"
	"time"

	"example.com/shop/internal/customers/gormstore"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/log"
)

const sessionCookie = "sid"

// Authenticator logs customers in and resolves their sessions.
type Authenticator struct {
	store *gormstore.Store
	clock clock.Clock
	ttl   time.Duration
	log   *log.Logger
}

// NewAuthenticator returns an authenticator issuing sessions valid for ttl.
func NewAuthenticator(st *gormstore.Store, clk clock.Clock, ttl time.Duration, logger *log.Logger) *Authenticator {
	return &Authenticator{store: st, clock: clk, ttl: ttl, log: logger.Named("auth")}
}

// Login checks the credentials and starts a session.
func (a *Authenticator) Login(ctx context.Context, email, password, userAgent string) (*gormstore.Session, error) {
	c, err := a.store.CustomerByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if errs.Is(err, errs.KindNotFound) {
		return nil, errs.Unauthorized("auth.Login", "wrong e-mail address or password")
	}
	if err != nil {
		return nil, err
	}
	ok, err := CheckPassword(c.PasswordHash, password)
	if err != nil || !ok {
		a.log.Info("failed login", log.F("customer", c.ID))
		return nil, errs.Unauthorized("auth.Login", "wrong e-mail address or password")
	}
	if NeedsRehash(c.PasswordHash) {
		if h, err := HashPassword(password); err == nil {
			_ = a.store.UpdateFields(ctx, c.ID, map[string]any{"password_hash": h})
		}
	}
	now := a.clock.Now()
	sess := &gormstore.Session{
		Token:      newToken(),
		CustomerID: c.ID,
		UserAgent:  truncate(userAgent, 200),
		ExpiresAt:  now.Add(a.ttl),
		CreatedAt:  now,
	}
	if err := a.store.CreateSession(ctx, sess); err != nil {
		return nil, err
	}
	return sess, nil
}

// Logout ends a session.
func (a *Authenticator) Logout(ctx context.Context, token string) error {
	return a.store.DeleteSession(ctx, token)
}

// Resolve returns the customer behind a session token, sliding its expiry.
func (a *Authenticator) Resolve(ctx context.Context, token string) (string, error) {
	now := a.clock.Now()
	sess, err := a.store.Session(ctx, token, now)
	if err != nil {
		if errs.Is(err, errs.KindNotFound) {
			return "", errs.Unauthorized("auth.Resolve", "session expired")
		}
		return "", err
	}
	if sess.ExpiresAt.Sub(now) < a.ttl/2 {
		if err := a.store.ExtendSession(ctx, token, now.Add(a.ttl)); err != nil {
			a.log.Warn("extending session failed", log.Err(err))
		}
	}
	return sess.CustomerID, nil
}

type ctxKey struct{}

// WithCustomer returns a context carrying the customer ID.
func WithCustomer(ctx context.Context, customerID string) context.Context {
	return context.WithValue(ctx, ctxKey{}, customerID)
}

// CustomerID returns the customer of the request, if it is authenticated.
func CustomerID(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(ctxKey{}).(string)
	return id, ok && id != ""
}

// Token extracts the session token from a request.
func Token(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimPrefix(h, "Bearer ")
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// Middleware identifies the customer of each request when it carries a
// valid session; anonymous requests pass through.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok := Token(r); tok != "" {
			if id, err := a.Resolve(r.Context(), tok); err == nil {
				r = r.WithContext(WithCustomer(r.Context(), id))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// Require rejects requests without an authenticated customer.
func (a *Authenticator) Require(next http.Handler) http.Handler {
	return a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := CustomerID(r.Context()); !ok {
			httpx.Error(w, r, a.log, errs.Unauthorized("auth.Require", "sign in first"))
			return
		}
		next.ServeHTTP(w, r)
	}))
}

// SetCookie writes the session cookie.
func SetCookie(w http.ResponseWriter, sess *gormstore.Session) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    sess.Token,
		Path:     "/",
		Expires:  sess.ExpiresAt,
		HttpOnly: true,
		Secure:   true,
		SameSite: http.SameSiteLaxMode,
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
