// Package errs is the platform's error vocabulary. Every layer wraps errors
// with a Kind so the HTTP layer can map them to status codes without knowing
// which context produced them.
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

var kindNames = [...]string{"internal", "not_found", "invalid", "conflict", "forbidden", "unavailable"}

func (k Kind) String() string { return kindNames[k] }

type Error struct {
	Kind Kind
	Op   string
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	}
	return e.Op + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

func NotFound(op, format string, args ...any) error {
	return &Error{Kind: KindNotFound, Op: op, Msg: fmt.Sprintf(format, args...)}
}

func Invalid(op, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Op: op, Msg: fmt.Sprintf(format, args...)}
}

func Conflict(op, format string, args ...any) error {
	return &Error{Kind: KindConflict, Op: op, Msg: fmt.Sprintf(format, args...)}
}

func Forbidden(op, format string, args ...any) error {
	return &Error{Kind: KindForbidden, Op: op, Msg: fmt.Sprintf(format, args...)}
}

// Wrap annotates err with op, keeping the kind of an inner *Error.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: KindOf(err), Op: op, Err: err}
}

func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }
