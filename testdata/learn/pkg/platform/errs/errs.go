// Package errs defines the error kinds shared across the codebase and how they
// map onto transport status codes.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies an error.
type Kind int

const (
	Internal Kind = iota
	NotFound
	Invalid
	Conflict
	Unauthorized
	Forbidden
	PaymentRequired
	Unavailable
)

var kindNames = map[Kind]string{NotFound: "not_found", Invalid: "invalid", Conflict: "conflict", Unauthorized: "unauthorized",
	Forbidden: "forbidden", PaymentRequired: "payment_required", Unavailable: "unavailable"}

func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "internal"
}

// Error is a classified error.
type Error struct {
	Kind Kind
	Op   string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	s := e.Op
	if e.Msg != "" {
		if s != "" {
			s += ": "
		}
		s += e.Msg
	}
	if e.Err != nil {
		if s != "" {
			s += ": "
		}
		s += e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an error of kind k.
func E(k Kind, op, format string, args ...any) error {
	return &Error{Kind: k, Op: op, Msg: fmt.Sprintf(format, args...)}
}

// Wrap attaches an op and kind to an underlying error.
func Wrap(k Kind, op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: k, Op: op, Err: err}
}

// KindOf returns the kind of the outermost classified error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		if e.Kind == Internal && e.Err != nil {
			return KindOf(e.Err)
		}
		return e.Kind
	}
	return Internal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// HTTPStatus maps an error to an HTTP status code.
func HTTPStatus(err error) int {
	switch KindOf(err) {
	case NotFound:
		return http.StatusNotFound
	case Invalid:
		return http.StatusBadRequest
	case Conflict:
		return http.StatusConflict
	case Unauthorized:
		return http.StatusUnauthorized
	case Forbidden:
		return http.StatusForbidden
	case PaymentRequired:
		return http.StatusPaymentRequired
	case Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
