// Package pq is a trimmed stand-in for github.com/lib/pq so that the
// monolith compiles offline. It registers the "postgres" driver name; real
// deployments build against the upstream module.
package pq

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

// Driver is the postgres driver.
type Driver struct{}

// ErrStandIn is returned when the stand-in is asked to connect.
var ErrStandIn = errors.New("pq: stand-in driver cannot open connections; build with the upstream github.com/lib/pq")

// Open implements driver.Driver.
func (Driver) Open(name string) (driver.Conn, error) { return nil, ErrStandIn }

func init() { sql.Register("postgres", Driver{}) }
