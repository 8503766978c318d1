// Package httpx: JSON in, JSON out, errors mapped to statuses.
package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"gitlab.com/roadrunner/fleet/lib/errs"
	"gitlab.com/roadrunner/fleet/lib/xlog"
)

// JSON writes v with status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// OK is JSON(w, 200, v).
func OK(w http.ResponseWriter, v any) { JSON(w, http.StatusOK, v) }

// Created is JSON(w, 201, v).
func Created(w http.ResponseWriter, v any) { JSON(w, http.StatusCreated, v) }

// NoContent writes 204.
func NoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

var statuses = map[errs.Kind]int{
	errs.KindNotFound:     http.StatusNotFound,
	errs.KindInvalid:      http.StatusUnprocessableEntity,
	errs.KindConflict:     http.StatusConflict,
	errs.KindUnauthorized: http.StatusUnauthorized,
	errs.KindForbidden:    http.StatusForbidden,
	errs.KindUnavailable:  http.StatusServiceUnavailable,
}

// Error writes err as a problem document, hiding internals from clients.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	kind := errs.KindOf(err)
	status, ok := statuses[kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	body := map[string]any{"error": err.Error(), "kind": kind.String()}
	var fe *errs.FieldError
	if errors.As(err, &fe) {
		body["fields"] = fe.Fields
	}
	if status >= 500 {
		xlog.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		body["error"] = "internal error"
	}
	JSON(w, status, body)
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Invalid("decode", "malformed body: %v", err)
	}
	return nil
}

// QueryInt reads an integer query parameter.
func QueryInt(r *http.Request, key string, def int) int {
	if n, err := strconv.Atoi(r.URL.Query().Get(key)); err == nil {
		return n
	}
	return def
}

// QueryTime reads an RFC 3339 or date-only query parameter.
func QueryTime(r *http.Request, key string) (time.Time, error) {
	s := r.URL.Query().Get(key)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, errs.Invalid("query", "%s: not a time: %q", key, s)
	}
	return t, nil
}

// Handle adapts an error-returning handler.
func Handle(fn func(w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			Error(w, r, err)
		}
	}
}

// Mount registers a package's Routes() on mux.
func Mount(mux *http.ServeMux, routes map[string]http.Handler) {
	for pattern, h := range routes {
		mux.Handle(pattern, h)
	}
}
