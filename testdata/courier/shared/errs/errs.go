// Package errs defines the error kinds shared across the platform.
package errs

import (
	"errors"
	"fmt"
)

var (
	ErrNotFound  = errors.New("not found")
	ErrInvalid   = errors.New("invalid")
	ErrConflict  = errors.New("conflict")
	ErrForbidden = errors.New("forbidden")
	ErrUpstream  = errors.New("upstream failure")
)

// Error is a kinded error with a human message.
type Error struct {
	Kind error
	Msg  string
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Kind }

func mk(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

func NotFound(format string, args ...any) error  { return mk(ErrNotFound, format, args...) }
func Invalid(format string, args ...any) error   { return mk(ErrInvalid, format, args...) }
func Conflict(format string, args ...any) error  { return mk(ErrConflict, format, args...) }
func Forbidden(format string, args ...any) error { return mk(ErrForbidden, format, args...) }
func Upstream(format string, args ...any) error  { return mk(ErrUpstream, format, args...) }

// IsNotFound is a convenience wrapper.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
