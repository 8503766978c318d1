// Package errs defines application error kinds that map onto HTTP statuses.
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
	KindPaymentRequired
)

// Error is an application error with a kind and a public message.
type Error struct {
	Kind Kind
	Op   string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Op, e.Msg, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Op, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error.
func E(kind Kind, op, msg string) error { return &Error{Kind: kind, Op: op, Msg: msg} }

// Wrap wraps err as an internal error unless it already is an *Error.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae *Error
	if errors.As(err, &ae) {
		return err
	}
	return &Error{Kind: KindInternal, Op: op, Msg: "internal error", Err: err}
}

func NotFound(op, what string) error   { return E(KindNotFound, op, what+" not found") }
func Invalid(op, msg string) error     { return E(KindInvalid, op, msg) }
func Conflict(op, msg string) error    { return E(KindConflict, op, msg) }
func Forbidden(op string) error        { return E(KindForbidden, op, "forbidden") }
func Unavailable(op, msg string) error { return E(KindUnavailable, op, msg) }

// KindOf returns the kind of err.
func KindOf(err error) Kind {
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Kind
	}
	return KindInternal
}

// Is reports whether err has kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// HTTPStatus maps an error to an HTTP status code.
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
	case KindPaymentRequired:
		return http.StatusPaymentRequired
	default:
		return http.StatusInternalServerError
	}
}

// PublicMessage returns a message safe to show to clients.
func PublicMessage(err error) string {
	var ae *Error
	if errors.As(err, &ae) && ae.Kind != KindInternal {
		return ae.Msg
	}
	return "internal error"
}
