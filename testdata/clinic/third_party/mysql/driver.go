// Package mysql is a local stand-in for github.com/go-sql-driver/mysql.
// It registers a "mysql" driver with database/sql so that the clinic
// binaries link; every connection attempt fails with ErrNoServer.
package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
)

// ErrNoServer is returned by every connection attempt.
var ErrNoServer = errors.New("mysql: stub driver has no server")

// MySQLDriver implements driver.Driver.
type MySQLDriver struct{}

// Open implements driver.Driver.
func (MySQLDriver) Open(dsn string) (driver.Conn, error) {
	return nil, ErrNoServer
}

// OpenConnector implements driver.DriverContext.
func (d MySQLDriver) OpenConnector(dsn string) (driver.Connector, error) {
	return connector{dsn: dsn, d: d}, nil
}

type connector struct {
	dsn string
	d   MySQLDriver
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.d }

func init() {
	sql.Register("mysql", &MySQLDriver{})
}
