// Package errs classifies errors by kind so that transport code can map them
// to status codes without knowing where they came from.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

// Kind is the class of an error.
type Kind uint8

// The kinds.
const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindUnauthorized
	KindForbidden
	KindUnavailable
)

var kindNames = [...]string{
	KindInternal:     "internal",
	KindNotFound:     "not_found",
	KindInvalid:      "invalid",
	KindConflict:     "conflict",
	KindUnauthorized: "unauthorized",
	KindForbidden:    "forbidden",
	KindUnavailable:  "unavailable",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Error is a classified error with the operation that produced it.
type Error struct {
	Kind Kind
	Op   string // e.g. "orders.Service.Cancel"
	Msg  string // safe to show to a client
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	if e.Msg == "" && e.Err == nil {
		b.WriteString(e.Kind.String())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

func newf(kind Kind, op, format string, args ...any) error {
	return &Error{Kind: kind, Op: op, Msg: fmt.Sprintf(format, args...)}
}

// NotFound reports a missing resource.
func NotFound(op, format string, args ...any) error { return newf(KindNotFound, op, format, args...) }

// Invalid reports bad input.
func Invalid(op, format string, args ...any) error { return newf(KindInvalid, op, format, args...) }

// Conflict reports a request that clashes with the current state.
func Conflict(op, format string, args ...any) error { return newf(KindConflict, op, format, args...) }

// Unauthorized reports a missing or bad credential.
func Unauthorized(op, format string, args ...any) error {
	return newf(KindUnauthorized, op, format, args...)
}

// Forbidden reports a request the caller may not make.
func Forbidden(op, format string, args ...any) error { return newf(KindForbidden, op, format, args...) }

// Unavailable reports a dependency that cannot be reached.
func Unavailable(op string, err error) error {
	return &Error{Kind: KindUnavailable, Op: op, Msg: "dependency unavailable", Err: err}
}

// Wrap classifies err. It returns nil when err is nil.
func Wrap(kind Kind, op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: kind, Op: op, Err: err}
}

// Op adds the operation to err, keeping its kind.
func Op(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindOf(err), Op: op, Err: err}
}

// KindOf returns the most specific kind in err's chain.
func KindOf(err error) Kind {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return KindInternal
		}
		if e.Kind != KindInternal {
			return e.Kind
		}
		err = e.Err
	}
	return KindInternal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// Message returns the client-safe message of err.
func Message(err error) string {
	var e *Error
	for errors.As(err, &e) {
		if e.Msg != "" && e.Kind != KindInternal {
			return e.Msg
		}
		if e.Err == nil {
			break
		}
		err = e.Err
	}
	if k := KindOf(err); k != KindInternal {
		return strings.ReplaceAll(k.String(), "_", " ")
	}
	return "internal error"
}
