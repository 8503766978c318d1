// Package httpx holds the small HTTP toolkit shared by all handlers.
package httpx

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/logging"
)

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Error maps a classified error to a status code and writes it.
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
	case errs.KindUnavailable:
		status = http.StatusServiceUnavailable
	}
	if status >= 500 {
		logging.From(r.Context()).Error("request failed", "path", r.URL.Path, "err", err)
	}
	JSON(w, status, map[string]string{"error": err.Error()})
}

// Decode reads a JSON body into v.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("decode", "bad request body: %v", err)
	}
	return nil
}

// QueryInt returns an integer query parameter or def.
func QueryInt(r *http.Request, name string, def int) int {
	if v, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil {
		return v
	}
	return def
}

// QueryDate parses a YYYY-MM-DD query parameter.
func QueryDate(r *http.Request, name string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", r.URL.Query().Get(name))
	if err != nil {
		return time.Time{}, errs.Invalid("query", "%s must be YYYY-MM-DD", name)
	}
	return t, nil
}

// Logged attaches a request logger and logs the request duration.
func Logged(l *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rl := l.With("method", r.Method, "path", r.URL.Path)
		next.ServeHTTP(w, r.WithContext(logging.With(r.Context(), rl)))
		rl.Debug("served", "dur", time.Since(start))
	})
}
