// Package httpx holds HTTP helpers shared by all handlers.
package httpx

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/logging"
)

// JSON writes v as a JSON response.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Error maps err to a status code and writes a JSON error body.
func Error(w http.ResponseWriter, err error) {
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
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		msg = "internal error"
	}
	JSON(w, status, map[string]string{"error": msg})
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("bad request body: %v", err)
	}
	return nil
}

// PathID parses a numeric path value.
func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Invalid("bad %s", name)
	}
	return id, nil
}

// QueryID parses a numeric query parameter.
func QueryID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Invalid("missing or bad %s", name)
	}
	return id, nil
}

// QueryDate parses ?name=YYYY-MM-DD, defaulting to today.
func QueryDate(r *http.Request, name string) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		n := time.Now()
		return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.Local), nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, time.Local)
	if err != nil {
		return time.Time{}, errs.Invalid("bad %s", name)
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

// Logged wraps h with access logging and panic recovery.
func Logged(log *logging.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		defer func() {
			if p := recover(); p != nil {
				log.Errorf("panic %s %s: %v", r.Method, r.URL.Path, p)
				http.Error(sw, "internal error", http.StatusInternalServerError)
			}
			log.Infof("%s %s %d %s", r.Method, r.URL.Path, sw.status, time.Since(start))
		}()
		h.ServeHTTP(sw, r)
	})
}

// Func adapts fn into a handler: a nil value writes 204, errors are mapped by
// Error. Newer handlers use this instead of the long-hand form.
func Func(status int, fn func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := fn(r)
		switch {
		case err != nil:
			Error(w, err)
		case v == nil:
			w.WriteHeader(http.StatusNoContent)
		default:
			JSON(w, status, v)
		}
	}
}
