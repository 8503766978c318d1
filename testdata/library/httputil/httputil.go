// Package httputil holds small helpers for JSON HTTP handlers.
package httputil

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"citylib.org/ils/apperr"
	"citylib.org/ils/logging"
)

type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code,omitempty"`
}

func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status := apperr.HTTPStatus(err)
	body := errorBody{Error: err.Error()}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		body.Code = ae.Code
	}
	if status >= 500 {
		logging.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		body.Error = "internal error"
	}
	WriteJSON(w, status, body)
}

func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return apperr.Invalid("bad_json", "invalid request body: "+err.Error())
	}
	return nil
}

func PathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Invalid("bad_id", "invalid "+name)
	}
	return id, nil
}

func QueryInt(r *http.Request, name string, def, max int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || v <= 0 {
		return def
	}
	if max > 0 && v > max {
		return max
	}
	return v
}

// StaffID returns the staff id set by the auth middleware, 0 if absent.
func StaffID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.Header.Get("X-Staff-Id"), 10, 64)
	return id
}
