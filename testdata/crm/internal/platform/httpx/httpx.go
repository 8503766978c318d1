// Package httpx contains the HTTP plumbing shared by all API packages:
// JSON encoding, error rendering, middleware and route registration.
package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/logging"
)

// HandlerFunc is an http handler that returns an error.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

const maxBody = 2 << 20

// Handle adapts a HandlerFunc, rendering returned errors as JSON.
func Handle(fn HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			WriteError(w, r, err)
		}
	})
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v == nil {
		return nil
	}
	return json.NewEncoder(w).Encode(v)
}

// OK writes v with 200.
func OK(w http.ResponseWriter, v any) error { return JSON(w, http.StatusOK, v) }

// Created writes v with 201.
func Created(w http.ResponseWriter, v any) error { return JSON(w, http.StatusCreated, v) }

// Reply writes v with status unless err is set, in which case err is
// returned for Handle to render. It keeps handlers to one line.
func Reply(w http.ResponseWriter, status int, v any, err error) error {
	if err != nil {
		return err
	}
	if status == http.StatusNoContent {
		return NoContent(w)
	}
	return JSON(w, status, v)
}

// NoContent writes 204.
func NoContent(w http.ResponseWriter) error {
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errs.Invalid("request body is empty")
		}
		return errs.Invalid("invalid JSON: " + err.Error())
	}
	return nil
}

type errorBody struct {
	Error     string `json:"error"`
	RequestID string `json:"request_id,omitempty"`
}

// WriteError renders err, logging internal errors.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status := errs.HTTPStatus(err)
	if status >= 500 {
		logging.From(r.Context()).Error("request failed", "path", r.URL.Path, logging.Err(err))
	}
	_ = JSON(w, status, errorBody{Error: errs.Public(err), RequestID: RequestIDFrom(r.Context())})
}

// PathID returns the named path value as an ID.
func PathID(r *http.Request, name string) core.ID {
	return core.ID(r.PathValue(name))
}

// QueryInt parses an integer query parameter.
func QueryInt(r *http.Request, name string, def int) int {
	if v, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil {
		return v
	}
	return def
}

// QueryTime parses an RFC3339 or YYYY-MM-DD query parameter.
func QueryTime(r *http.Request, name string, def time.Time) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return def, errs.Invalid(name + " must be a date")
}

// QueryIDs splits a comma separated list of IDs.
func QueryIDs(r *http.Request, name string) []core.ID {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil
	}
	var out []core.ID
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, core.ID(p))
		}
	}
	return out
}
