// Package errs defines the error kinds shared by every layer.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error so transports can map it to a status code.
type Kind int

const (
	Other Kind = iota
	NotFound
	Invalid
	Conflict
	Forbidden
	Unauthorized
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
	case Forbidden:
		return "forbidden"
	case Unauthorized:
		return "unauthorized"
	case Unavailable:
		return "unavailable"
	}
	return "internal"
}

// Error is the structured error type.
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

// E builds a new error of the given kind.
func E(op string, kind Kind, msg string) error { return &Error{Op: op, Kind: kind, Msg: msg} }

// Wrap annotates err with op, keeping its kind.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Kind: KindOf(err), Err: err}
}

// NotFoundf, Invalidf and Conflictf are shorthands for the common kinds.
func NotFoundf(op, format string, a ...any) error {
	return &Error{Op: op, Kind: NotFound, Msg: fmt.Sprintf(format, a...)}
}

func Invalidf(op, format string, a ...any) error {
	return &Error{Op: op, Kind: Invalid, Msg: fmt.Sprintf(format, a...)}
}

func Conflictf(op, format string, a ...any) error {
	return &Error{Op: op, Kind: Conflict, Msg: fmt.Sprintf(format, a...)}
}

func Forbiddenf(op, format string, a ...any) error {
	return &Error{Op: op, Kind: Forbidden, Msg: fmt.Sprintf(format, a...)}
}

// KindOf returns the kind of the outermost *Error with a non-Other kind.
func KindOf(err error) Kind {
	var e *Error
	for err != nil {
		if errors.As(err, &e) {
			if e.Kind != Other {
				return e.Kind
			}
			err = e.Err
			continue
		}
		return Other
	}
	return Other
}

// Is reports whether err has the given kind.
func Is(err error, k Kind) bool { return KindOf(err) == k }
