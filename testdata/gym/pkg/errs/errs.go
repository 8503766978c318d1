// Package errs defines the error kinds shared across the codebase.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the HTTP layer.
type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindForbidden
	KindPayment
)

// Error is a classified error.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

func NotFound(what string) error { return &Error{Kind: KindNotFound, Msg: what + " not found"} }
func Invalid(format string, a ...any) error {
	return &Error{Kind: KindInvalid, Msg: fmt.Sprintf(format, a...)}
}
func Conflict(format string, a ...any) error {
	return &Error{Kind: KindConflict, Msg: fmt.Sprintf(format, a...)}
}
func Forbidden(format string, a ...any) error {
	return &Error{Kind: KindForbidden, Msg: fmt.Sprintf(format, a...)}
}
func Payment(format string, a ...any) error {
	return &Error{Kind: KindPayment, Msg: fmt.Sprintf(format, a...)}
}

// KindOf returns the kind of err, KindInternal if unclassified.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// Is reports whether err has the given kind.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }
