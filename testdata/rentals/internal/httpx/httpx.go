// Package httpx contains JSON/HTTP helpers used by every api sub-package.
package httpx

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/logging"
)

func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

func Error(w http.ResponseWriter, r *http.Request, err error) {
	k := errs.KindOf(err)
	status := http.StatusInternalServerError
	switch k {
	case errs.NotFound:
		status = http.StatusNotFound
	case errs.Invalid:
		status = http.StatusUnprocessableEntity
	case errs.Conflict:
		status = http.StatusConflict
	case errs.Forbidden:
		status = http.StatusForbidden
	case errs.Unauthorized:
		status = http.StatusUnauthorized
	case errs.Unavailable:
		status = http.StatusServiceUnavailable
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	JSON(w, status, errorBody{Error: msg, Code: k.String()})
}

func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Wrap(err, errs.Invalid, "invalid request body")
	}
	return nil
}

// Page reads ?limit=&offset= with sane defaults.
func Page(r *http.Request) (limit, offset int) {
	limit, _ = strconv.Atoi(r.URL.Query().Get("limit"))
	offset, _ = strconv.Atoi(r.URL.Query().Get("offset"))
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

func NoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// H adapts a function returning (status, body, error) into a handler.
// Newer endpoints use this instead of hand-writing the error plumbing.
func H(fn func(r *http.Request) (int, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status, body, err := fn(r)
		switch {
		case err != nil:
			Error(w, r, err)
		case body == nil:
			w.WriteHeader(status)
		default:
			JSON(w, status, body)
		}
	}
}
