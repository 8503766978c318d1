// Package errs defines error kinds shared across the platform.
package errs

import (
	"errors"
	"fmt"
)

var (
	ErrNotFound   = errors.New("not found")
	ErrInvalid    = errors.New("invalid")
	ErrConflict   = errors.New("conflict")
	ErrForbidden  = errors.New("forbidden")
	ErrUpstream   = errors.New("upstream failure")
	ErrIneligible = errors.New("ineligible")
)

// Error carries a kind and a human message.
type Error struct {
	Kind error
	Msg  string
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Kind }

func newf(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

func NotFound(format string, args ...any) error   { return newf(ErrNotFound, format, args...) }
func Invalid(format string, args ...any) error    { return newf(ErrInvalid, format, args...) }
func Conflict(format string, args ...any) error   { return newf(ErrConflict, format, args...) }
func Forbidden(format string, args ...any) error  { return newf(ErrForbidden, format, args...) }
func Upstream(format string, args ...any) error   { return newf(ErrUpstream, format, args...) }
func Ineligible(format string, args ...any) error { return newf(ErrIneligible, format, args...) }

// Is reports whether err has the given kind.
func Is(err, kind error) bool { return errors.Is(err, kind) }
