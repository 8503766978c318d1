// Package pq is an offline stand-in for github.com/lib/pq. Importing it
// registers a "postgres" driver with database/sql; the driver refuses to
// connect, which is all a test fixture needs.
package pq

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

// ErrStub is returned by every attempt to connect.
var ErrStub = errors.New("pq: stub driver cannot connect")

// Driver is the database/sql driver registered as "postgres".
type Driver struct{}

// Open implements driver.Driver.
func (d *Driver) Open(name string) (driver.Conn, error) {
	return nil, ErrStub
}

// ErrorCode is a SQLSTATE code.
type ErrorCode string

// Error mirrors the shape of *pq.Error.
type Error struct {
	Code    ErrorCode
	Message string
}

func (e *Error) Error() string { return "pq: " + e.Message }

func init() {
	sql.Register("postgres", &Driver{})
}
