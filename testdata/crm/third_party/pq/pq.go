// Package pq is a trimmed, offline stand-in for github.com/lib/pq.
// It registers the "postgres" driver name and provides StringArray.
package pq

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// Driver is the Postgres driver stand-in.
type Driver struct{}

// Open always fails: the stand-in has no wire protocol implementation.
func (Driver) Open(name string) (driver.Conn, error) {
	return nil, errors.New("pq: stand-in driver cannot open connections (" + redact(name) + ")")
}

func redact(dsn string) string {
	if i := strings.Index(dsn, "@"); i > 0 {
		return "***" + dsn[i:]
	}
	return dsn
}

func init() {
	sql.Register("postgres", Driver{})
}

// StringArray represents a one-dimensional array of the PostgreSQL text type.
type StringArray []string

// Value implements driver.Valuer.
func (a StringArray) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	parts := make([]string, len(a))
	for i, s := range a {
		parts[i] = `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
	}
	return "{" + strings.Join(parts, ",") + "}", nil
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
		return fmt.Errorf("pq: cannot convert %T to StringArray", src)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	if s == "" {
		*a = StringArray{}
		return nil
	}
	out := StringArray{}
	for _, p := range strings.Split(s, ",") {
		out = append(out, strings.Trim(p, `"`))
	}
	*a = out
	return nil
}

// Array returns a driver.Valuer/sql.Scanner for a supported slice.
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
