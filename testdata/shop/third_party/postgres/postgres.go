// Package postgres is an offline stand-in for gorm.io/driver/postgres.
package postgres

import (
	"database/sql"

	"gorm.io/gorm"
)

// Config configures the dialector.
type Config struct {
	DSN                  string
	Conn                 *sql.DB
	PreferSimpleProtocol bool
}

// Dialector is the GORM dialector for PostgreSQL.
type Dialector struct {
	*Config
}

// New returns a dialector for the given configuration.
func New(config Config) gorm.Dialector {
	return &Dialector{Config: &config}
}

// Open returns a dialector for a DSN.
func Open(dsn string) gorm.Dialector {
	return &Dialector{Config: &Config{DSN: dsn}}
}

// Name implements gorm.Dialector.
func (d Dialector) Name() string { return "postgres" }

// Initialize implements gorm.Dialector.
func (d Dialector) Initialize(db *gorm.DB) error {
	if d.Conn != nil {
		db.ConnPool = d.Conn
	}
	return nil
}
