// Package errs defines the error kinds shared across the application.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error so transports can map it to status codes.
type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindValidation
	KindConflict
	KindForbidden
	KindUnauthorized
	KindPaymentRequired
)

// Error is an application error carrying a kind and a user-safe message.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Msg, e.Err)
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

func NotFound(what string) error { return &Error{Kind: KindNotFound, Msg: what + " not found"} }

func Validation(format string, args ...any) error {
	return &Error{Kind: KindValidation, Msg: fmt.Sprintf(format, args...)}
}

func Conflict(format string, args ...any) error {
	return &Error{Kind: KindConflict, Msg: fmt.Sprintf(format, args...)}
}

func Forbidden(msg string) error { return &Error{Kind: KindForbidden, Msg: msg} }

func Unauthorized() error { return &Error{Kind: KindUnauthorized, Msg: "authentication required"} }

func PaymentRequired(msg string) error { return &Error{Kind: KindPaymentRequired, Msg: msg} }

// Wrap annotates an internal error.
func Wrap(err error, msg string) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindInternal, Msg: msg, Err: err}
}

// KindOf returns the kind of err, defaulting to KindInternal.
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

// IsNotFound reports whether err is a not-found error.
func IsNotFound(err error) bool { return KindOf(err) == KindNotFound }
