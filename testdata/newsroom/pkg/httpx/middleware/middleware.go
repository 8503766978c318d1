// Package middleware contains the HTTP middleware stack shared by all servers.
package middleware

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/httpx"
	"github.com/dailyherald/newsroom/pkg/ids"
	"github.com/dailyherald/newsroom/pkg/logging"
)

type Middleware func(http.Handler) http.Handler

func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// RequestLogger attaches a request id and a scoped logger, and logs each request.
func RequestLogger(base *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			reqID := r.Header.Get("X-Request-ID")
			if reqID == "" {
				reqID = ids.Token(8)
			}
			l := base.With("request_id", reqID)
			w.Header().Set("X-Request-ID", reqID)
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			start := time.Now()
			next.ServeHTTP(rec, r.WithContext(logging.WithLogger(r.Context(), l)))
			l.Info("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "dur", time.Since(start))
		})
	}
}

func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				logging.FromContext(r.Context()).Error("panic", "value", p)
				httpx.WriteJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Principal identifies the caller: a staff user or a reader.
type Principal struct {
	ID    string
	Roles []string
	Staff bool
}

func (p Principal) HasRole(role string) bool {
	for _, r := range p.Roles {
		if r == role || r == "admin" {
			return true
		}
	}
	return false
}

// TokenResolver turns a bearer or session token into a principal.
type TokenResolver interface {
	ResolveToken(ctx context.Context, token string) (Principal, error)
}

type principalKey struct{}

func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// Authenticate resolves the caller if a token is present; required=true rejects anonymous calls.
func Authenticate(res TokenResolver, required bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if token == "" {
				if c, err := r.Cookie("dh_session"); err == nil {
					token = c.Value
				}
			}
			if token == "" {
				if required {
					httpx.WriteError(w, r, errs.E(errs.Unauthorized, "authentication required"))
					return
				}
				next.ServeHTTP(w, r)
				return
			}
			p, err := res.ResolveToken(r.Context(), token)
			if err != nil {
				if required {
					httpx.WriteError(w, r, errs.Wrap(errs.Unauthorized, err, "invalid credentials"))
					return
				}
				next.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
		})
	}
}

// RequireStaff wraps a handler so that only staff with the role may call it.
func RequireStaff(role string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := PrincipalFrom(r.Context())
		if !ok || !p.Staff || !p.HasRole(role) {
			httpx.WriteError(w, r, errs.Forbiddenf("staff role %q required", role))
			return
		}
		h(w, r)
	}
}
