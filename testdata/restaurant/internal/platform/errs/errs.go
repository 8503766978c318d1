// Package errs defines error kinds understood by the HTTP layer.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error.
type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindForbidden
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

func NotFound(format string, a ...any) error {
	return &Error{Kind: KindNotFound, Msg: fmt.Sprintf(format, a...)}
}

func Invalid(format string, a ...any) error {
	return &Error{Kind: KindInvalid, Msg: fmt.Sprintf(format, a...)}
}

func Conflict(format string, a ...any) error {
	return &Error{Kind: KindConflict, Msg: fmt.Sprintf(format, a...)}
}

func Forbidden(format string, a ...any) error {
	return &Error{Kind: KindForbidden, Msg: fmt.Sprintf(format, a...)}
}

// Wrap attaches a message to an internal error.
func Wrap(err error, msg string) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindInternal, Msg: msg, Err: err}
}

// KindOf returns the kind of err, KindInternal if unclassified.
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

// IsNotFound is a convenience for KindOf(err) == KindNotFound.
func IsNotFound(err error) bool { return KindOf(err) == KindNotFound }
