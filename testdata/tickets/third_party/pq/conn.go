// Package pq is a trimmed, offline stand-in for github.com/lib/pq.
// It registers the "postgres" driver name so that sql.Open works; actual
// connections fail with ErrStandIn. Only the API surface used by Gatehouse
// is kept.
package pq

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"
)

// ErrStandIn is returned by every connection attempt.
var ErrStandIn = errors.New("pq: stand-in driver cannot open network connections")

// Driver is the Postgres database driver.
type Driver struct{}

// Open implements driver.Driver.
func (Driver) Open(name string) (driver.Conn, error) { return nil, ErrStandIn }

func init() { sql.Register("postgres", &Driver{}) }

// Error mirrors *pq.Error enough for callers that inspect SQLSTATE codes.
type Error struct {
	Code    ErrorCode
	Message string
	Detail  string
}

// ErrorCode is a five-character SQLSTATE.
type ErrorCode string

// Name returns a coarse name for a few well-known codes.
func (ec ErrorCode) Name() string {
	switch ec {
	case "23505":
		return "unique_violation"
	case "23503":
		return "foreign_key_violation"
	case "40001":
		return "serialization_failure"
	}
	return "unknown"
}

func (e *Error) Error() string { return "pq: " + e.Message }

// QuoteIdentifier quotes an identifier for use in a SQL statement.
func QuoteIdentifier(name string) string {
	if end := strings.IndexRune(name, 0); end > -1 {
		name = name[:end]
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Array is a minimal stand-in that passes slices through unchanged.
func Array(a any) any { return a }
