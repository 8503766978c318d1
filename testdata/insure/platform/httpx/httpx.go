// Package httpx contains JSON and error helpers for net/http handlers.
package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
)

var lg = log.New("httpx")

const maxBody = 1 << 20

// HandlerFunc is an http handler that returns an error.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Handle adapts HandlerFunc to net/http, writing errors as JSON.
func Handle(h HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			Error(w, r, err)
		}
	}
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v == nil {
		return nil
	}
	return json.NewEncoder(w).Encode(v)
}

type errorBody struct {
	Error string `json:"error"`
	Kind  string `json:"kind"`
}

// Error maps an errs.Kind to an HTTP status.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	kind := errs.KindOf(err)
	status := http.StatusInternalServerError
	switch kind {
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
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		log.From(r.Context(), lg).Error("request failed", err, "path", r.URL.Path)
		msg = "internal error"
	}
	_ = JSON(w, status, errorBody{Error: msg, Kind: kind.String()})
}

// Decode reads a JSON body into v.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return errs.Invalidf("httpx.Decode", "malformed json at offset %d", se.Offset)
		}
		return errs.Invalidf("httpx.Decode", "%v", err)
	}
	return nil
}

// PathID parses a numeric path value, e.g. {id}.
func PathID(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Invalidf("httpx.PathID", "bad %s %q", name, v)
	}
	return id, nil
}

// QueryInt reads an integer query parameter with a default.
func QueryInt(r *http.Request, name string, def int) int {
	if v := r.URL.Query().Get(name); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

// Created writes 201 with a Location header.
func Created(w http.ResponseWriter, location string, v any) error {
	w.Header().Set("Location", location)
	return JSON(w, http.StatusCreated, v)
}

// Locf formats a Location value.
func Locf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
