// Package httpx contains JSON and middleware helpers for net/http.
package httpx

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/logging"
)

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Decode reads a JSON body, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("bad request body: %v", err)
	}
	return nil
}

// Error maps err onto a status code.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch errs.KindOf(err) {
	case errs.KindNotFound:
		status = http.StatusNotFound
	case errs.KindInvalid:
		status = http.StatusBadRequest
	case errs.KindConflict:
		status = http.StatusConflict
	case errs.KindForbidden:
		status = http.StatusForbidden
	case errs.KindPayment:
		status = http.StatusPaymentRequired
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	JSON(w, status, map[string]string{"error": msg})
}

// Handler is an http handler that returns an error.
type Handler func(w http.ResponseWriter, r *http.Request) error

func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h(w, r); err != nil {
		Error(w, r, err)
	}
}

// QueryInt reads an integer query parameter with a default.
func QueryInt(r *http.Request, key string, def int) int {
	if v := r.URL.Query().Get(key); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

// QueryDate reads a YYYY-MM-DD query parameter.
func QueryDate(r *http.Request, key string, def time.Time) (time.Time, error) {
	v := r.URL.Query().Get(key)
	if v == "" {
		return def, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, errs.Invalid("%s must be YYYY-MM-DD", key)
	}
	return t, nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) { s.status = code; s.ResponseWriter.WriteHeader(code) }

// Logging logs each request and attaches the logger to the context.
func Logging(l *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r.WithContext(logging.With(r.Context(), l)))
		l.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
	})
}

// Recover turns panics into 500s.
func Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				Error(w, r, errors.New("panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// StaffOnly requires the X-Staff-Id header set by the gateway.
func StaffOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Staff-Id") == "" {
			Error(w, r, errs.Forbidden("staff only"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
