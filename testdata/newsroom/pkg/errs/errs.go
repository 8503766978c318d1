// Package errs defines the error kinds translated to HTTP statuses by httpx.
package errs

import (
	"errors"
	"fmt"
)

type Kind int

const (
	Internal Kind = iota
	NotFound
	Invalid
	Conflict
	Forbidden
	Unauthorized
	PaymentRequired
)

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

func E(kind Kind, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

func Wrap(kind Kind, err error, msg string) error {
	return &Error{Kind: kind, Msg: msg, Err: err}
}

func NotFoundf(format string, args ...any) error  { return E(NotFound, format, args...) }
func Invalidf(format string, args ...any) error   { return E(Invalid, format, args...) }
func Conflictf(format string, args ...any) error  { return E(Conflict, format, args...) }
func Forbiddenf(format string, args ...any) error { return E(Forbidden, format, args...) }

// KindOf returns the kind of the first *Error in err's chain.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
