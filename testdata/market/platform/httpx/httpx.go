// Package httpx contains JSON helpers and middleware for net/http handlers.
package httpx

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"loomly.com/api/platform/errs"
	"loomly.com/api/platform/logging"
)

type userKey struct{}

func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	if status >= 500 {
		logging.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
	}
	JSON(w, status, map[string]string{"error": errs.PublicMessage(err)})
}

func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("httpx.Decode", "malformed JSON body")
	}
	return nil
}

// UserID returns the authenticated user id set by Auth.
func UserID(ctx context.Context) string {
	s, _ := ctx.Value(userKey{}).(string)
	return s
}

// WithUser is used by tests and jobs that impersonate a user.
func WithUser(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, userKey{}, id)
}

// Auth trusts the X-Loomly-User header set by the edge gateway.
func Auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		uid := r.Header.Get("X-Loomly-User")
		if uid == "" {
			JSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthenticated"})
			return
		}
		next.ServeHTTP(w, r.WithContext(WithUser(r.Context(), uid)))
	})
}

// Logging attaches a request logger and logs the request duration.
func Logging(base *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		l := base.With("method", r.Method, "path", r.URL.Path)
		next.ServeHTTP(w, r.WithContext(logging.WithLogger(r.Context(), l)))
		l.Info("request", "dur_ms", time.Since(start).Milliseconds())
	})
}

// Page reads ?limit=&offset= with sane bounds.
func Page(r *http.Request) (limit, offset int) {
	limit, _ = strconv.Atoi(r.URL.Query().Get("limit"))
	offset, _ = strconv.Atoi(r.URL.Query().Get("offset"))
	if limit <= 0 || limit > 100 {
		limit = 25
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}
