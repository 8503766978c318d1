// Package errs defines the error kinds shared across Gatehouse and their
// mapping to HTTP status codes.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

// Kind classifies an error.
type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindUnauthorized
	KindForbidden
	KindUnavailable
)

// Error is a classified error with an optional wrapped cause.
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

// E builds an *Error.
func E(kind Kind, op, msg string) error { return &Error{Kind: kind, Op: op, Msg: msg} }

// Wrap annotates err with op, keeping the kind of the cause if any.
func Wrap(err error, op string) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindOf(err), Op: op, Err: err}
}

// NotFound is shorthand for a KindNotFound error.
func NotFound(op, what string, id any) error {
	return &Error{Kind: KindNotFound, Op: op, Msg: fmt.Sprintf("%s %v not found", what, id)}
}

// Invalid is shorthand for a KindInvalid error.
func Invalid(op, msg string) error { return E(KindInvalid, op, msg) }

// Conflict is shorthand for a KindConflict error.
func Conflict(op, msg string) error { return E(KindConflict, op, msg) }

// KindOf returns the kind of the outermost classified error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		if e.Kind != KindInternal {
			return e.Kind
		}
		if e.Err != nil {
			return KindOf(e.Err)
		}
	}
	return KindInternal
}

// Is reports whether err has the given kind.
func Is(err error, k Kind) bool { return KindOf(err) == k }

// HTTPStatus maps an error to a response status code.
func HTTPStatus(err error) int {
	switch KindOf(err) {
	case KindNotFound:
		return http.StatusNotFound
	case KindInvalid:
		return http.StatusBadRequest
	case KindConflict:
		return http.StatusConflict
	case KindUnauthorized:
		return http.StatusUnauthorized
	case KindForbidden:
		return http.StatusForbidden
	case KindUnavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}
