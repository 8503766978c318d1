// Package middleware holds the HTTP middleware chain shared by every API route.
package middleware

import (
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"log/slog"

	dbaccounts "github.com/hirebase/ats/internal/db/accounts"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/httpx"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/logging"
)

// Chain applies middleware so that the first listed runs outermost.
func Chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// RequestLog attaches a request id and logger and logs each request.
func RequestLog(base *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rid := r.Header.Get("X-Request-Id")
			if rid == "" {
				rid = ids.Token(8)
			}
			w.Header().Set("X-Request-Id", rid)
			l := base.With("request_id", rid)
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			start := time.Now()
			next.ServeHTTP(sw, r.WithContext(logging.Into(r.Context(), l)))
			l.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "took", time.Since(start))
		})
	}
}

// Recover turns panics into 500s.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				logging.From(r.Context()).Error("panic", "panic", p, "stack", string(debug.Stack()))
				httpx.JSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Auth resolves the caller from a bearer API key or a session cookie.
// Paths listed in public are passed through unauthenticated.
func Auth(users *dbaccounts.Store, public ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, p := range public {
				if strings.HasPrefix(r.URL.Path, p) {
					next.ServeHTTP(w, r)
					return
				}
			}
			var (
				p   httpx.Principal
				err error
			)
			if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
				u, lerr := users.LookupAPIKey(r.Context(), ids.Hash(strings.TrimPrefix(h, "Bearer ")))
				err = lerr
				p = httpx.Principal{TenantID: u.TenantID, UserID: u.ID, Email: u.Email, Roles: u.Roles, APIKey: true}
			} else if c, cerr := r.Cookie("hb_session"); cerr == nil {
				u, lerr := users.LookupSession(r.Context(), ids.Hash(c.Value), time.Now())
				err = lerr
				p = httpx.Principal{TenantID: u.TenantID, UserID: u.ID, Email: u.Email, Roles: u.Roles}
			} else {
				err = errs.Unauthorized()
			}
			if err != nil {
				httpx.Error(w, r, err)
				return
			}
			ctx := httpx.WithPrincipal(r.Context(), p)
			ctx = logging.Into(ctx, logging.From(ctx).With("tenant_id", p.TenantID, "user_id", p.UserID))
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
