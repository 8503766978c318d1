// Package errs defines the error kinds shared by all services so that the
// HTTP layer can map them to status codes consistently.
package errs

import (
	"errors"
	"fmt"
)

type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindForbidden
	KindUnavailable
)

// Error is a classified error.
type Error struct {
	Kind Kind
	Op   string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Op, e.Msg, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Op, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

func NotFound(op, format string, a ...any) error {
	return &Error{Kind: KindNotFound, Op: op, Msg: fmt.Sprintf(format, a...)}
}

func Invalid(op, format string, a ...any) error {
	return &Error{Kind: KindInvalid, Op: op, Msg: fmt.Sprintf(format, a...)}
}

func Conflict(op, format string, a ...any) error {
	return &Error{Kind: KindConflict, Op: op, Msg: fmt.Sprintf(format, a...)}
}

func Unavailable(op, format string, a ...any) error {
	return &Error{Kind: KindUnavailable, Op: op, Msg: fmt.Sprintf(format, a...)}
}

// Wrap attaches an operation name to an unclassified error.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindOf(err), Op: op, Msg: "failed", Err: err}
}

// KindOf returns the kind of the first classified error in the chain.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

func IsNotFound(err error) bool { return KindOf(err) == KindNotFound }
