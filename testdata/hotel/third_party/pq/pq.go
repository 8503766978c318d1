// Package pq is a trimmed, offline stand-in for github.com/lib/pq.
// It registers a "postgres" driver and exposes the error type used by callers.
package pq

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// ErrorCode is a Postgres SQLSTATE code.
type ErrorCode string

// Name returns a short description for well known codes.
func (ec ErrorCode) Name() string {
	switch ec {
	case "23505":
		return "unique_violation"
	case "23503":
		return "foreign_key_violation"
	case "40001":
		return "serialization_failure"
	}
	return string(ec)
}

// Error is a server-side error returned by Postgres.
type Error struct {
	Severity   string
	Code       ErrorCode
	Message    string
	Detail     string
	Constraint string
	Table      string
}

func (e *Error) Error() string { return "pq: " + e.Message }

// StringArray represents a one-dimensional text[] array.
type StringArray []string

// Value implements driver.Valuer.
func (a StringArray) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	quoted := make([]string, len(a))
	for i, s := range a {
		quoted[i] = `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return "{" + strings.Join(quoted, ",") + "}", nil
}

// Scan implements sql.Scanner.
func (a *StringArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*a = nil
		return nil
	case []byte:
		s = string(v)
	case string:
		s = v
	default:
		return fmt.Errorf("pq: cannot scan %T into StringArray", src)
	}
	s = strings.Trim(s, "{}")
	if s == "" {
		*a = StringArray{}
		return nil
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.Trim(parts[i], `"`)
	}
	*a = parts
	return nil
}

// Array wraps a slice for use as a query argument.
func Array(a any) interface {
	driver.Valuer
	sql.Scanner
} {
	switch v := a.(type) {
	case []string:
		sa := StringArray(v)
		return &sa
	case *[]string:
		return (*StringArray)(v)
	}
	panic(fmt.Sprintf("pq: unsupported array type %T", a))
}

// Driver is the Postgres driver. The stand-in cannot dial a server.
type Driver struct{}

// Open always fails in the offline stand-in.
func (Driver) Open(name string) (driver.Conn, error) {
	return nil, errors.New("pq: stand-in driver cannot connect to " + redact(name))
}

// OpenConnector implements driver.DriverContext.
func (d Driver) OpenConnector(name string) (driver.Connector, error) {
	return &connector{d: d, name: name}, nil
}

type connector struct {
	d    Driver
	name string
}

func (c *connector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.name) }
func (c *connector) Driver() driver.Driver                        { return c.d }

func redact(dsn string) string {
	if i := strings.Index(dsn, "@"); i >= 0 {
		return "postgres://***" + dsn[i:]
	}
	return dsn
}

func init() {
	sql.Register("postgres", Driver{})
}
