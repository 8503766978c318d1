// Package stdlib is a stub of the pgx database/sql adapter.
package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
)

// ErrStub is returned by every operation of the stub driver.
var ErrStub = errors.New("pgx stub: no database available in this build")

// Driver is the database/sql driver registered as "pgx".
type Driver struct{}

func init() {
	sql.Register("pgx", &Driver{})
}

// Open implements driver.Driver.
func (d *Driver) Open(name string) (driver.Conn, error) {
	return &conn{dsn: name}, nil
}

type conn struct{ dsn string }

func (c *conn) Prepare(query string) (driver.Stmt, error) { return nil, ErrStub }
func (c *conn) Close() error                              { return nil }
func (c *conn) Begin() (driver.Tx, error)                 { return nil, ErrStub }

func (c *conn) Ping(ctx context.Context) error { return ErrStub }

// GetDefaultDriver mirrors the real package's helper.
func GetDefaultDriver() driver.Driver { return &Driver{} }
