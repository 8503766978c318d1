// Package errs is the error vocabulary shared by every part of the fleet
// backend. Handlers map a Kind to an HTTP status; everything else just wraps.
package errs

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error for callers that need to react to it.
type Kind uint8

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindUnauthorized
	KindForbidden
	KindUnavailable
)

var kindNames = [...]string{"internal", "not_found", "invalid", "conflict", "unauthorized", "forbidden", "unavailable"}

func (k Kind) String() string { return kindNames[k] }

// Error is a classified error with the operation that produced it.
type Error struct {
	Op   string
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	parts := make([]string, 0, 3)
	for _, p := range []string{e.Op, e.Msg} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, ": ")
}

func (e *Error) Unwrap() error { return e.Err }

// E builds a new classified error.
func E(op string, kind Kind, msg string) error { return &Error{Op: op, Kind: kind, Msg: msg} }

// Wrap adds an operation to err, keeping its kind. Wrap(op, nil) is nil.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Kind: KindOf(err), Err: err}
}

// NotFound reports a missing entity.
func NotFound(op, what string, id any) error {
	return &Error{Op: op, Kind: KindNotFound, Msg: fmt.Sprintf("%s %v not found", what, id)}
}

// Invalid reports bad input.
func Invalid(op, format string, args ...any) error {
	return &Error{Op: op, Kind: KindInvalid, Msg: fmt.Sprintf(format, args...)}
}

// Conflict reports a state clash (already exists, wrong state, ...).
func Conflict(op, format string, args ...any) error {
	return &Error{Op: op, Kind: KindConflict, Msg: fmt.Sprintf(format, args...)}
}

// KindOf returns the first non-internal kind in the chain.
func KindOf(err error) Kind {
	var e *Error
	for errors.As(err, &e) {
		if e.Kind != KindInternal {
			return e.Kind
		}
		err = e.Err
	}
	return KindInternal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// Validation collects field errors before failing once.
type Validation struct {
	fields map[string]string
}

// Add records a problem with field. The first problem for a field wins.
func (v *Validation) Add(field, msg string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = msg
	}
}

// Check adds msg for field when cond is false.
func (v *Validation) Check(cond bool, field, msg string) {
	if !cond {
		v.Add(field, msg)
	}
}

// Err returns nil when nothing was added, otherwise a *FieldError.
func (v *Validation) Err(op string) error {
	if len(v.fields) == 0 {
		return nil
	}
	parts := make([]string, 0, len(v.fields))
	for k, m := range v.fields {
		parts = append(parts, k+" "+m)
	}
	sort.Strings(parts)
	return &FieldError{base: &Error{Op: op, Kind: KindInvalid, Msg: strings.Join(parts, "; ")}, Fields: v.fields}
}

// FieldError is a validation failure that keeps the per-field messages
// around so the HTTP layer can return them.
type FieldError struct {
	base   *Error
	Fields map[string]string
}

func (f *FieldError) Error() string { return f.base.Error() }
func (f *FieldError) Unwrap() error { return f.base }
