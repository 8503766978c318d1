// Package httpx holds JSON helpers and middleware for HTTP handlers.
package httpx

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/logging"
)

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Error maps platform error kinds to HTTP statuses.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, errs.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, errs.ErrInvalid):
		status = http.StatusBadRequest
	case errors.Is(err, errs.ErrConflict):
		status = http.StatusConflict
	case errors.Is(err, errs.ErrForbidden):
		status = http.StatusForbidden
	case errors.Is(err, errs.ErrIneligible):
		status = http.StatusUnprocessableEntity
	case errors.Is(err, errs.ErrUpstream):
		status = http.StatusBadGateway
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		msg = "internal error"
	}
	JSON(w, status, map[string]string{"error": msg})
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("malformed request body: %v", err)
	}
	return nil
}

// QueryInt reads an integer query parameter with a default.
func QueryInt(r *http.Request, name string, def int) int {
	if v, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middleware in order.
func Chain(h http.Handler, mw ...Middleware) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// RequestLog attaches a request-scoped logger and logs completion.
func RequestLog(base *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rid := r.Header.Get("X-Request-ID")
			if rid == "" {
				rid = ids.New("req")
			}
			l := base.With("request_id", rid)
			start := time.Now()
			w.Header().Set("X-Request-ID", rid)
			next.ServeHTTP(w, r.WithContext(logging.Into(r.Context(), l)))
			l.Info("http", "method", r.Method, "path", r.URL.Path, "dur", time.Since(start))
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
