// Package errs defines the error kinds shared by all services and their
// mapping to RPC status codes.
package errs

import (
	"errors"
	"fmt"
)

// Code classifies an error.
type Code string

const (
	Internal           Code = "internal"
	NotFound           Code = "not_found"
	InvalidArgument    Code = "invalid_argument"
	Conflict           Code = "conflict"
	PermissionDenied   Code = "permission_denied"
	Unauthenticated    Code = "unauthenticated"
	FailedPrecondition Code = "failed_precondition"
)

// Error is an error with a Code and an optional cause.
type Error struct {
	Code Code
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Msg, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an Error.
func E(code Code, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Wrap annotates err with a code and message.
func Wrap(err error, code Code, msg string) error {
	if err == nil {
		return nil
	}
	return &Error{Code: code, Msg: msg, Err: err}
}

// CodeOf returns the Code of err, or Internal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }

// HTTPStatus maps a Code to an HTTP status.
func HTTPStatus(code Code) int {
	switch code {
	case NotFound:
		return 404
	case InvalidArgument:
		return 400
	case Conflict:
		return 409
	case PermissionDenied:
		return 403
	case Unauthenticated:
		return 401
	case FailedPrecondition:
		return 412
	default:
		return 500
	}
}
