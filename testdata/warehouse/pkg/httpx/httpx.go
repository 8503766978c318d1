// Package httpx contains small HTTP helpers used by every api package.
package httpx

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/logging"
)

// Router is implemented by *http.ServeMux; api packages register on it.
type Router interface {
	HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request))
}

type Middleware func(http.Handler) http.Handler

func Chain(h http.Handler, mw ...Middleware) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := apperr.HTTPStatus(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		msg = "internal error"
	}
	JSON(w, status, map[string]string{"error": msg})
}

func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apperr.Invalid("bad request body: %v", err)
	}
	return nil
}

func QueryInt(r *http.Request, key string, def int) int {
	if v := r.URL.Query().Get(key); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

func QueryTime(r *http.Request, key string) (time.Time, error) {
	v := r.URL.Query().Get(key)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, apperr.Invalid("%s: expected YYYY-MM-DD", key)
	}
	return t, nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(c int) { s.status = c; s.ResponseWriter.WriteHeader(c) }

// Logger attaches a request logger and logs each request.
func Logger(base *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w, status: 200}
			l := base.With("method", r.Method, "path", r.URL.Path)
			next.ServeHTTP(sw, r.WithContext(logging.With(r.Context(), l)))
			l.Info("http", "status", sw.status, "dur_ms", time.Since(start).Milliseconds())
		})
	}
}

// Recover turns panics into 500s.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				logging.From(r.Context()).Error("panic", "value", p)
				JSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}
