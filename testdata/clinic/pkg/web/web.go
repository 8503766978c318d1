// Package web has the HTTP plumbing shared by every handler package:
// JSON encoding, error mapping, request decoding and middleware.
package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/acme/clinic/pkg/errs"
	"github.com/acme/clinic/pkg/logger"
)

const maxBody = 1 << 20

// Registrar is implemented by every handler package.
type Registrar interface {
	Register(mux *http.ServeMux)
}

// ErrorBody is the JSON shape of every error response.
type ErrorBody struct {
	Error  string            `json:"error"`
	Kind   string            `json:"kind,omitempty"`
	Fields map[string]string `json:"fields,omitempty"`
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v == nil {
		return
	}
	_ = json.NewEncoder(w).Encode(v)
}

// NoContent writes 204.
func NoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// StatusFor maps an error kind to an HTTP status.
func StatusFor(err error) int {
	switch errs.KindOf(err) {
	case errs.KindInvalid:
		return http.StatusBadRequest
	case errs.KindNotFound:
		return http.StatusNotFound
	case errs.KindConflict:
		return http.StatusConflict
	case errs.KindPermission:
		return http.StatusForbidden
	case errs.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Error writes err as JSON. Internal errors are logged and hidden.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := StatusFor(err)
	body := ErrorBody{Error: err.Error(), Kind: errs.KindOf(err).String()}
	var fields errs.Fields
	if errors.As(err, &fields) {
		body.Fields = fields
		body.Error = "validation failed"
	}
	if status >= 500 {
		logger.FromContext(r.Context()).Err(r.Context(), "request failed", err, "path", r.URL.Path)
		body.Error = http.StatusText(status)
	}
	JSON(w, status, body)
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	const op errs.Op = "web.Decode"
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return errs.Errorf(op, errs.KindInvalid, "unsupported content type %q", ct)
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.E(op, errs.KindInvalid, fmt.Errorf("bad request body: %w", err))
	}
	return nil
}

// QueryDate reads a YYYY-MM-DD query parameter in loc.
func QueryDate(r *http.Request, key string, loc *time.Location) (time.Time, error) {
	s := r.URL.Query().Get(key)
	if s == "" {
		return time.Time{}, errs.Errorf("web.QueryDate", errs.KindInvalid, "%s is required", key)
	}
	t, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		return time.Time{}, errs.Errorf("web.QueryDate", errs.KindInvalid, "%s must be YYYY-MM-DD", key)
	}
	return t, nil
}

// Actor returns the authenticated staff id put on the request by the
// gateway. The gateway has already checked the token.
func Actor(r *http.Request) string {
	return r.Header.Get("X-Staff-ID")
}
