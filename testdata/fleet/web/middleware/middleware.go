// Package middleware has the net/http middleware shared by the internal
// API and the customer portal.
package middleware

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/httpx"
	"gitlab.com/roadrunner/fleet/lib/ids"
	"gitlab.com/roadrunner/fleet/lib/xlog"
)

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies ms so that the first one is outermost.
func Chain(h http.Handler, ms ...Middleware) http.Handler {
	for i := len(ms) - 1; i >= 0; i-- {
		h = ms[i](h)
	}
	return h
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }

// RequestLog tags the context with a request id, logs one line per
// request, and turns panics into 500s.
func RequestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rid := r.Header.Get("X-Request-Id")
		if rid == "" {
			rid = ids.New("rq")
		}
		log := xlog.From(r.Context()).With("rid", rid)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				log.Error("panic", "panic", p)
				httpx.Error(sw, r, errs.E("http", errs.KindInternal, "panic"))
			}
			log.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "took", time.Since(start))
		}()
		next.ServeHTTP(sw, r.WithContext(xlog.With(r.Context(), log)))
	})
}

// StaticToken protects internal endpoints with a shared bearer token.
func StaticToken(token string) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				httpx.Error(w, r, errs.E("auth", errs.KindUnauthorized, "bad token"))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Principal is whoever an API key resolved to.
type Principal struct {
	Subject string
	Scopes  []string
}

type principalKey struct{}

// PrincipalFrom returns the authenticated principal, if any.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// APIKey authenticates X-Api-Key with resolve.
func APIKey(resolve func(ctx context.Context, key string) (Principal, error)) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, err := resolve(r.Context(), r.Header.Get("X-Api-Key"))
			if err != nil {
				httpx.Error(w, r, errs.E("auth", errs.KindUnauthorized, "unknown api key"))
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
		})
	}
}
