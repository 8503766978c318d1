// Package httpx contains JSON and middleware helpers for HTTP handlers.
package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"mvno.telco/core/platform/errs"
	"mvno.telco/core/platform/ids"
	"mvno.telco/core/platform/logging"
)

const maxBody = 1 << 20

// WriteJSON writes v with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Decode reads a JSON request body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Wrap(errs.Invalid, "httpx.Decode", err)
	}
	return nil
}

// Error maps a classified error to an HTTP response.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch errs.KindOf(err) {
	case errs.NotFound:
		status = http.StatusNotFound
	case errs.Invalid:
		status = http.StatusBadRequest
	case errs.Conflict:
		status = http.StatusConflict
	case errs.Forbidden:
		status = http.StatusForbidden
	case errs.Unavailable:
		status = http.StatusServiceUnavailable
	case errs.PaymentRequired:
		status = http.StatusPaymentRequired
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		msg = "internal error"
	}
	WriteJSON(w, status, map[string]string{"error": msg, "kind": errs.KindOf(err).String()})
}

// Page is limit/offset pagination parsed from the query string.
type Page struct{ Limit, Offset int }

func ParsePage(r *http.Request) Page {
	p := Page{Limit: 50}
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && v > 0 && v <= 500 {
		p.Limit = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("offset")); err == nil && v >= 0 {
		p.Offset = v
	}
	return p
}

// QueryTime parses an RFC3339 date or returns def.
func QueryTime(r *http.Request, key string, def time.Time) (time.Time, error) {
	v := r.URL.Query().Get(key)
	if v == "" {
		return def, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return def, errs.Wrap(errs.Invalid, "httpx.QueryTime", errors.New(key+" must be YYYY-MM-DD"))
	}
	return t, nil
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Middleware adds a request id, a request-scoped logger, access logging and panic recovery.
func Middleware(base *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rid := r.Header.Get("X-Request-ID")
		if rid == "" {
			rid = ids.Token(8)
		}
		l := base.With("request_id", rid)
		ctx := logging.WithLogger(r.Context(), l)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		sw.Header().Set("X-Request-ID", rid)
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				l.Error("panic", "panic", p)
				WriteJSON(sw, http.StatusInternalServerError, map[string]string{"error": "internal error"})
			}
			l.Info("http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur_ms", time.Since(start).Milliseconds())
		}()
		next.ServeHTTP(sw, r.WithContext(ctx))
	})
}
