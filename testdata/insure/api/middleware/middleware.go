// Package middleware holds the HTTP middleware shared by every API.
package middleware

import (
	"context"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/httpx"
	"harbormutual.com/core/platform/ids"
	"harbormutual.com/core/platform/log"
)

var lg = log.New("http")

// Principal is the authenticated caller.
type Principal struct {
	Name    string
	Role    string // "agent", "staff", "portal", "system"
	AgentID int64
}

type principalKey struct{}

// PrincipalFrom returns the caller, if any.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// WithPrincipal is used by tests and the admin CLI.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// Chain composes middleware, outermost first.
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

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Logging assigns a request id and logs each request.
func Logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rid := r.Header.Get("X-Request-ID")
		if rid == "" {
			rid = ids.Correlation()
		}
		w.Header().Set("X-Request-ID", rid)
		rl := lg.With("request_id", rid)
		sw := &statusWriter{ResponseWriter: w, status: 200}
		start := time.Now()
		next.ServeHTTP(sw, r.WithContext(log.Into(r.Context(), rl)))
		rl.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "ms", time.Since(start).Milliseconds())
	})
}

// Recover turns panics into 500s.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				log.From(r.Context(), lg).Error("panic", nil, "panic", p, "stack", string(debug.Stack()))
				httpx.Error(w, r, errs.E("http", errs.Internal, "panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// APIKeyAuth authenticates "Authorization: Bearer <key>" against keys, whose
// values are "role/name" or "agent/<agentID>".
func APIKeyAuth(keys map[string]string, resolveAgent func(code string) int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/healthz" {
				next.ServeHTTP(w, r)
				return
			}
			key := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			v, ok := keys[key]
			if !ok || key == "" {
				httpx.Error(w, r, errs.E("auth", errs.Forbidden, "invalid api key"))
				return
			}
			role, name, _ := strings.Cut(v, "/")
			p := Principal{Name: name, Role: role}
			if role == "agent" && resolveAgent != nil {
				p.AgentID = resolveAgent(name)
			}
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
		})
	}
}

// RequireRole rejects principals without one of the roles.
func RequireRole(roles ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, _ := PrincipalFrom(r.Context())
			for _, role := range roles {
				if p.Role == role {
					next.ServeHTTP(w, r)
					return
				}
			}
			httpx.Error(w, r, errs.E("auth", errs.Forbidden, "role %q not allowed", p.Role))
		})
	}
}

// Actor returns a string for audit columns.
func Actor(ctx context.Context) string {
	if p, ok := PrincipalFrom(ctx); ok {
		return p.Role + "/" + p.Name
	}
	return "system"
}
