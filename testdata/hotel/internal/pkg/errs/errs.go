// Package errs defines the error kinds shared by stores, services and handlers.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error so transports can map it to a status code.
type Kind int

const (
	Internal Kind = iota
	NotFound
	Invalid
	Conflict
	Unauthorized
	Forbidden
	Unavailable
)

func (k Kind) String() string {
	switch k {
	case NotFound:
		return "not_found"
	case Invalid:
		return "invalid"
	case Conflict:
		return "conflict"
	case Unauthorized:
		return "unauthorized"
	case Forbidden:
		return "forbidden"
	case Unavailable:
		return "unavailable"
	}
	return "internal"
}

// Error is the platform error type.
type Error struct {
	Kind Kind
	Op   string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Msg != "":
		return fmt.Sprintf("%s: %s: %v", e.Op, e.Msg, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Op, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// E creates a new error of the given kind.
func E(kind Kind, op, msg string) error {
	return &Error{Kind: kind, Op: op, Msg: msg}
}

// Wrap annotates err with op, preserving its kind.
func Wrap(err error, op string) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindOf(err), Op: op, Err: err}
}

// Wrapf wraps err with a specific kind and message.
func Wrapf(kind Kind, err error, op, format string, args ...any) error {
	return &Error{Kind: kind, Op: op, Msg: fmt.Sprintf(format, args...), Err: err}
}

// KindOf returns the kind of the outermost *Error in err's chain.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		if e.Kind != Internal {
			return e.Kind
		}
		if e.Err != nil {
			return KindOf(e.Err)
		}
	}
	return Internal
}

// Is reports whether err has the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }

// IsNotFound is a shorthand used all over the stores.
func IsNotFound(err error) bool { return Is(err, NotFound) }

// Message returns a user-safe message for err.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Msg != "" && e.Kind != Internal {
		return e.Msg
	}
	return "internal error"
}
