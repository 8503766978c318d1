// Package errs defines error kinds shared across the API so handlers can map
// them to HTTP status codes uniformly.
package errs

import (
	"errors"
	"fmt"
	"net/http"
)

type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindForbidden
	KindUnauthorized
)

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

func E(kind Kind, op, msg string) error { return &Error{Kind: kind, Op: op, Msg: msg} }

func Wrap(err error, op string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return &Error{Kind: e.Kind, Op: op, Msg: e.Msg, Err: err}
	}
	return &Error{Kind: KindInternal, Op: op, Msg: "internal error", Err: err}
}

func NotFound(op, what string) error { return E(KindNotFound, op, what+" not found") }
func Invalid(op, msg string) error   { return E(KindInvalid, op, msg) }
func Conflict(op, msg string) error  { return E(KindConflict, op, msg) }
func Forbidden(op string) error      { return E(KindForbidden, op, "forbidden") }

func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

func HTTPStatus(err error) int {
	switch KindOf(err) {
	case KindNotFound:
		return http.StatusNotFound
	case KindInvalid:
		return http.StatusBadRequest
	case KindConflict:
		return http.StatusConflict
	case KindForbidden:
		return http.StatusForbidden
	case KindUnauthorized:
		return http.StatusUnauthorized
	}
	return http.StatusInternalServerError
}

// PublicMessage is safe to show API clients.
func PublicMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != KindInternal {
		return e.Msg
	}
	return "internal error"
}
