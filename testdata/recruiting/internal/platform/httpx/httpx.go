// Package httpx holds JSON and request helpers used by every handler.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/logging"
)

// Principal is the authenticated caller.
type Principal struct {
	TenantID string
	UserID   string
	Email    string
	Roles    []string
	APIKey   bool
}

func (p Principal) HasRole(role string) bool {
	return slices.Contains(p.Roles, role) || slices.Contains(p.Roles, "admin")
}

type principalKey struct{}

func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller; ok is false for anonymous requests.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// MustPrincipal is used by handlers mounted behind the auth middleware.
func MustPrincipal(r *http.Request) Principal {
	p, _ := PrincipalFrom(r.Context())
	return p
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// Reply writes v (or no body when v is nil) with status, or maps err.
func Reply(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		Error(w, r, err)
		return
	}
	if v == nil {
		w.WriteHeader(status)
		return
	}
	JSON(w, status, v)
}

// Decode reads a JSON body with a size limit and unknown-field rejection.
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errs.Validation("invalid request body: %v", err)
	}
	return nil
}

// Error maps an application error onto a status code and writes it.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch errs.KindOf(err) {
	case errs.KindNotFound:
		status = http.StatusNotFound
	case errs.KindValidation:
		status = http.StatusUnprocessableEntity
	case errs.KindConflict:
		status = http.StatusConflict
	case errs.KindForbidden:
		status = http.StatusForbidden
	case errs.KindUnauthorized:
		status = http.StatusUnauthorized
	case errs.KindPaymentRequired:
		status = http.StatusPaymentRequired
	}
	msg := err.Error()
	if status == http.StatusInternalServerError {
		logging.From(r.Context()).Error("request failed", "err", err, "path", r.URL.Path)
		msg = "internal error"
	}
	var e *errs.Error
	if errors.As(err, &e) && status != http.StatusInternalServerError {
		msg = e.Msg
	}
	JSON(w, status, map[string]string{"error": msg})
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

// RequireRole wraps a handler with a role check.
func RequireRole(role string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok := PrincipalFrom(r.Context())
		if !ok {
			Error(w, r, errs.Unauthorized())
			return
		}
		if !p.HasRole(role) {
			Error(w, r, errs.Forbidden("requires role "+role))
			return
		}
		h(w, r)
	}
}
