package auth

import (
	"context"
	"net/http"
	"strings"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/errs"
	"quill.dev/academy/pkg/platform/httpx"
)

type ctxKey struct{}

// SessionChecker lets the middleware reject revoked sessions.
type SessionChecker interface {
	SessionActive(ctx context.Context, sessionID string) bool
}

// Middleware attaches the Principal (if any) to the request context. It does
// not reject anonymous requests; handlers call Require.
func Middleware(s *Signer, sc SessionChecker, clk clock.Clock) httpx.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := r.Header.Get("Authorization")
			tok, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				if c, err := r.Cookie("quill_at"); err == nil {
					tok, ok = c.Value, true
				}
			}
			if ok {
				p, err := s.Verify(tok, clk.Now())
				if err == nil && (sc == nil || sc.SessionActive(r.Context(), p.SessionID)) {
					r = r.WithContext(WithPrincipal(r.Context(), p))
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

// WithPrincipal stores p in ctx (also used by the worker for system actions).
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the caller, if authenticated.
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// Require returns the caller or an Unauthorized error.
func Require(r *http.Request) (Principal, error) {
	p, ok := From(r.Context())
	if !ok {
		return p, errs.E(errs.Unauthorized, "auth", "login required")
	}
	return p, nil
}

// RequireRole returns the caller if they have one of roles.
func RequireRole(r *http.Request, roles ...types.Role) (Principal, error) {
	p, err := Require(r)
	if err != nil {
		return p, err
	}
	for _, role := range roles {
		if p.Role == role {
			return p, nil
		}
	}
	return p, errs.E(errs.Forbidden, "auth", "requires role %v", roles)
}
