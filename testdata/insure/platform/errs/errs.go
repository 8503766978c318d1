// Package errs defines the error kinds shared by services and handlers.
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
	case Unavailable:
		return "unavailable"
	}
	return "internal"
}

// Error is an operation error with a kind.
type Error struct {
	Op   string
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	s := e.Op + ": "
	if e.Msg != "" {
		s += e.Msg
	} else {
		s += e.Kind.String()
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// E builds a new error of the given kind.
func E(op string, kind Kind, format string, args ...any) error {
	return &Error{Op: op, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Wrap annotates err with op, keeping its kind.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Kind: KindOf(err), Err: err}
}

func NotFoundf(op, format string, args ...any) error { return E(op, NotFound, format, args...) }
func Invalidf(op, format string, args ...any) error  { return E(op, Invalid, format, args...) }
func Conflictf(op, format string, args ...any) error { return E(op, Conflict, format, args...) }

// KindOf returns the kind of the outermost *Error carrying one.
func KindOf(err error) Kind {
	var e *Error
	for err != nil {
		if errors.As(err, &e) {
			if e.Kind != Internal {
				return e.Kind
			}
			err = e.Err
			continue
		}
		break
	}
	return Internal
}

func IsNotFound(err error) bool { return KindOf(err) == NotFound }

// Multi collects errors from fan-out operations such as event dispatch.
type Multi []error

func (m Multi) Error() string {
	if len(m) == 1 {
		return m[0].Error()
	}
	return fmt.Sprintf("%d errors, first: %v", len(m), m[0])
}

// Err returns nil for an empty Multi.
func (m Multi) Err() error {
	if len(m) == 0 {
		return nil
	}
	return m
}
