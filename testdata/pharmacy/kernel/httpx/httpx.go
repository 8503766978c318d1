// Package httpx holds JSON and routing helpers shared by the REST adapters.
package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/logging"
)

const maxBody = 1 << 20

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

type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// Error maps err to a status code and writes it. Internal errors are logged
// and hidden from the client.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	kind := errs.KindOf(err)
	status := http.StatusInternalServerError
	switch kind {
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
	JSON(w, status, errorBody{Error: msg, Code: kind.String()})
}

// Decode reads a JSON body into v, rejecting unknown fields.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errs.E("httpx.Decode", errs.Invalid, "empty body")
		}
		return errs.E("httpx.Decode", errs.Invalid, err.Error())
	}
	return nil
}

// PathID parses a numeric path parameter.
func PathID(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.E("httpx.PathID", errs.Invalid, fmt.Sprintf("bad %s %q", name, v))
	}
	return id, nil
}

// QueryInt reads an integer query parameter with a default.
func QueryInt(r *http.Request, name string, def int) int {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}
