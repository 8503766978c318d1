// Package errs is the clinic's error vocabulary. Every layer wraps errors
// with an Op so that a log line shows the path an error took, and with a
// Kind so that transports (HTTP, gRPC) can map it to a status.
package errs

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error for callers that need to react to it.
type Kind int

const (
	KindOther Kind = iota
	KindInvalid
	KindNotFound
	KindConflict
	KindPermission
	KindUnavailable
	KindInternal
)

var kindNames = map[Kind]string{
	KindInvalid: "invalid", KindNotFound: "not found", KindConflict: "conflict",
	KindPermission: "permission denied", KindUnavailable: "unavailable", KindInternal: "internal",
}

func (k Kind) String() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return "other"
}

// Op names the operation that failed, e.g. "patients.Register".
type Op string

// Error is the concrete error type used throughout the clinic.
type Error struct {
	Op   Op
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(string(e.Op))
		b.WriteString(": ")
	}
	if e.Msg != "" {
		b.WriteString(e.Msg)
		if e.Err != nil {
			b.WriteString(": ")
		}
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// E wraps err with op and kind. A nil err gives nil.
func E(op Op, kind Kind, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Kind: kind, Err: err}
}

// Wrap adds op to err and keeps whatever kind err already carries.
func Wrap(op Op, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Err: err}
}

// New returns an error with a fixed message.
func New(op Op, kind Kind, msg string) error {
	return &Error{Op: op, Kind: kind, Msg: msg}
}

// Errorf returns an error with a formatted message.
func Errorf(op Op, kind Kind, format string, args ...any) error {
	return &Error{Op: op, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// KindOf reports the first non-Other kind in err's chain.
func KindOf(err error) Kind {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return KindOther
		}
		if e.Kind != KindOther {
			return e.Kind
		}
		err = e.Err
	}
	return KindOther
}

// Is reports whether err is of the given kind.
func Is(kind Kind, err error) bool { return KindOf(err) == kind }

// Fields collects per-field validation problems.
type Fields map[string]string

// Add records a problem with field; the first problem for a field wins.
func (f Fields) Add(field, problem string) {
	if _, ok := f[field]; !ok {
		f[field] = problem
	}
}

// Check adds problem when cond is false.
func (f Fields) Check(cond bool, field, problem string) {
	if !cond {
		f.Add(field, problem)
	}
}

func (f Fields) Error() string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+f[k])
	}
	return strings.Join(parts, "; ")
}

// Err returns nil when there are no problems, otherwise an Invalid error.
func (f Fields) Err(op Op) error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Op: op, Kind: KindInvalid, Err: f}
}
