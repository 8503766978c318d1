// Package httpx holds JSON helpers and error mapping for HTTP handlers.
package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/logging"
)

const maxBody = 1 << 20

func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

func ReadJSON(r *http.Request, dst any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		if errors.Is(err, io.EOF) {
			return errs.Invalidf("request body is empty")
		}
		return errs.Wrap(errs.Invalid, err, "malformed JSON body")
	}
	return nil
}

type errorBody struct {
	Error string `json:"error"`
}

// WriteError maps an errs kind to a status code; internal errors are logged and masked.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch errs.KindOf(err) {
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
	case errs.PaymentRequired:
		status = http.StatusPaymentRequired
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.FromContext(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		msg = "internal error"
	}
	WriteJSON(w, status, errorBody{Error: msg})
}

// Page is a limit/offset pair parsed from the query string.
type Page struct {
	Limit  int
	Offset int
}

func PageFrom(r *http.Request, defLimit, maxLimit int) Page {
	p := Page{Limit: QueryInt(r, "limit", defLimit), Offset: QueryInt(r, "offset", 0)}
	if p.Limit <= 0 || p.Limit > maxLimit {
		p.Limit = defLimit
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

func QueryInt(r *http.Request, key string, def int) int {
	v := r.URL.Query().Get(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}
