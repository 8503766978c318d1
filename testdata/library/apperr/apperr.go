// Package apperr defines the error kinds shared by all layers.
package apperr

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
	KindBlocked // patron is blocked from the action (fines, expired card, ...)
)

type Error struct {
	Kind    Kind
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

func NotFound(what string, id any) error {
	return &Error{Kind: KindNotFound, Code: "not_found", Message: fmt.Sprintf("%s %v not found", what, id)}
}

func Invalid(code, msg string) error {
	return &Error{Kind: KindInvalid, Code: code, Message: msg}
}

func Conflict(code, msg string) error {
	return &Error{Kind: KindConflict, Code: code, Message: msg}
}

func Blocked(code, msg string) error {
	return &Error{Kind: KindBlocked, Code: code, Message: msg}
}

func Forbidden(msg string) error {
	return &Error{Kind: KindForbidden, Code: "forbidden", Message: msg}
}

func Internal(msg string, err error) error {
	return &Error{Kind: KindInternal, Code: "internal", Message: msg, Err: err}
}

// KindOf returns the kind of err, KindInternal when unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// HTTPStatus maps an error to a status code.
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
	case KindBlocked:
		return http.StatusUnprocessableEntity
	default:
		return http.StatusInternalServerError
	}
}
