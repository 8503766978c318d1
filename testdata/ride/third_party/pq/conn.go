// Package pq is a trimmed offline stand-in for github.com/lib/pq.
// It registers the "postgres" driver name so that sql.Open succeeds;
// actually connecting returns an error.
package pq

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

// ErrStandIn is returned by every connection attempt.
var ErrStandIn = errors.New("pq: offline stand-in driver cannot connect")

// Driver is the postgres driver stand-in.
type Driver struct{}

// Open implements driver.Driver.
func (Driver) Open(name string) (driver.Conn, error) { return nil, ErrStandIn }

func init() { sql.Register("postgres", Driver{}) }
