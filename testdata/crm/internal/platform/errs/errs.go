// Package errs defines the error kinds used across the CRM and their
// mapping to HTTP statuses.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies errors.
type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindForbidden
	KindUnauthorized
	KindLimit
	KindUnavailable
)

// Error is the CRM error type.
type Error struct {
	Kind Kind
	Op   string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Op != "" && e.Err != nil:
		return fmt.Sprintf("%s: %s: %v", e.Op, e.Msg, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Msg, e.Err)
	case e.Op != "":
		return e.Op + ": " + e.Msg
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an error of a kind.
func E(kind Kind, op, msg string) error { return &Error{Kind: kind, Op: op, Msg: msg} }

// Wrap annotates err with op, keeping its kind.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindOf(err), Op: op, Msg: "failed", Err: err}
}

func NotFound(what string) error   { return &Error{Kind: KindNotFound, Msg: what + " not found"} }
func Invalid(msg string) error     { return &Error{Kind: KindInvalid, Msg: msg} }
func Conflict(msg string) error    { return &Error{Kind: KindConflict, Msg: msg} }
func Forbidden(msg string) error   { return &Error{Kind: KindForbidden, Msg: msg} }
func Limit(msg string) error       { return &Error{Kind: KindLimit, Msg: msg} }
func Unauthorized() error          { return &Error{Kind: KindUnauthorized, Msg: "authentication required"} }
func Unavailable(msg string) error { return &Error{Kind: KindUnavailable, Msg: msg} }

// KindOf returns the kind of the outermost *Error in the chain.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		if e.Kind == KindInternal && e.Err != nil {
			return KindOf(e.Err)
		}
		return e.Kind
	}
	return KindInternal
}

// Is reports whether err has the given kind.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// HTTPStatus maps an error to a status code.
func HTTPStatus(err error) int {
	switch KindOf(err) {
	case KindNotFound:
		return http.StatusNotFound
	case KindInvalid:
		return http.StatusUnprocessableEntity
	case KindConflict:
		return http.StatusConflict
	case KindForbidden:
		return http.StatusForbidden
	case KindUnauthorized:
		return http.StatusUnauthorized
	case KindLimit:
		return http.StatusPaymentRequired
	case KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Public returns the message safe to show to API clients.
func Public(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != KindInternal {
		return e.Msg
	}
	return "internal error"
}
