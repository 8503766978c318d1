// Package errs defines the error kinds shared by services and transports.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies errors for transport mapping.
type Kind int

const (
	Internal Kind = iota
	NotFound
	Invalid
	Conflict
	Forbidden
	Unauthorized
	Unavailable
	PaymentRequired
)

// Error is the structured error carried through the stack.
type Error struct {
	Kind Kind
	Op   string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Msg != "":
		return fmt.Sprintf("%s: %s: %v", e.Op, e.Msg, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	default:
		return fmt.Sprintf("%s: %s", e.Op, e.Msg)
	}
}

func (e *Error) Unwrap() error { return e.Err }

// E builds a new error of the given kind.
func E(kind Kind, op, msg string) error {
	return &Error{Kind: kind, Op: op, Msg: msg}
}

// Wrap wraps err with an operation name, keeping its kind.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindOf(err), Op: op, Err: err}
}

// KindOf extracts the kind of err, defaulting to Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		if e.Kind != Internal || e.Err == nil {
			return e.Kind
		}
		return KindOf(e.Err)
	}
	return Internal
}

// Is reports whether err has the given kind.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// HTTPStatus maps an error to a status code.
func HTTPStatus(err error) int {
	switch KindOf(err) {
	case NotFound:
		return http.StatusNotFound
	case Invalid:
		return http.StatusBadRequest
	case Conflict:
		return http.StatusConflict
	case Forbidden:
		return http.StatusForbidden
	case Unauthorized:
		return http.StatusUnauthorized
	case Unavailable:
		return http.StatusServiceUnavailable
	case PaymentRequired:
		return http.StatusPaymentRequired
	default:
		return http.StatusInternalServerError
	}
}
