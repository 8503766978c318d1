// Package gorm is an offline stand-in for gorm.io/gorm. It reproduces the
// shape of GORM's chainable API (every builder returns a new *DB, errors
// travel in DB.Error) but only records the statement; nothing is sent to a
// database.
package gorm

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Errors returned by GORM.
var (
	ErrRecordNotFound     = errors.New("record not found")
	ErrInvalidTransaction = errors.New("invalid transaction")
	ErrDuplicatedKey      = errors.New("duplicated key not allowed")
)

// Dialector opens connections for one database system.
type Dialector interface {
	Name() string
	Initialize(*DB) error
}

// Option configures Open.
type Option interface {
	Apply(*Config) error
}

// Config is GORM's configuration.
type Config struct {
	SkipDefaultTransaction bool
	PrepareStmt            bool
	NowFunc                func() time.Time
	ConnPool               *sql.DB
}

// Apply implements Option.
func (c *Config) Apply(cfg *Config) error {
	if c != cfg {
		*cfg = *c
	}
	return nil
}

// Model is the conventional embedded base model.
type Model struct {
	ID        uint `gorm:"primarykey"`
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time `gorm:"index"`
}

// Statement is the statement a chain of calls builds.
type Statement struct {
	Context  context.Context
	Table    string
	Model    any
	Dest     any
	SQL      string
	Clauses  []string
	Vars     []any
	Preloads []string
}

// DB is a GORM handle; each chained call returns a new one.
type DB struct {
	*Config
	Error        error
	RowsAffected int64
	Statement    *Statement
}

// Open initialises a session for the dialector.
func Open(dialector Dialector, opts ...Option) (*DB, error) {
	cfg := &Config{}
	for _, opt := range opts {
		if err := opt.Apply(cfg); err != nil {
			return nil, err
		}
	}
	if cfg.NowFunc == nil {
		cfg.NowFunc = time.Now
	}
	db := &DB{Config: cfg, Statement: &Statement{Context: context.Background()}}
	if dialector != nil {
		if err := dialector.Initialize(db); err != nil {
			return nil, err
		}
	}
	return db, nil
}

func (db *DB) getInstance() *DB {
	stmt := *db.Statement
	stmt.Clauses = append([]string(nil), db.Statement.Clauses...)
	stmt.Vars = append([]any(nil), db.Statement.Vars...)
	stmt.Preloads = append([]string(nil), db.Statement.Preloads...)
	return &DB{Config: db.Config, Error: db.Error, Statement: &stmt}
}

func (db *DB) clause(kind string, query any, args []any) *DB {
	tx := db.getInstance()
	tx.Statement.Clauses = append(tx.Statement.Clauses, fmt.Sprint(kind, " ", query))
	tx.Statement.Vars = append(tx.Statement.Vars, args...)
	return tx
}

// AddError records err on the handle.
func (db *DB) AddError(err error) error {
	if db.Error == nil {
		db.Error = err
	} else if err != nil {
		db.Error = fmt.Errorf("%v; %w", db.Error, err)
	}
	return db.Error
}

// DB returns the underlying *sql.DB.
func (db *DB) DB() (*sql.DB, error) {
	if db.ConnPool == nil {
		return nil, errors.New("gorm: no connection pool")
	}
	return db.ConnPool, nil
}

// WithContext sets the context of the statement.
func (db *DB) WithContext(ctx context.Context) *DB {
	tx := db.getInstance()
	tx.Statement.Context = ctx
	return tx
}

// Model sets the model the statement operates on.
func (db *DB) Model(value any) *DB {
	tx := db.getInstance()
	tx.Statement.Model = value
	return tx
}

// Table sets the table name.
func (db *DB) Table(name string, args ...any) *DB {
	tx := db.getInstance()
	tx.Statement.Table = name
	tx.Statement.Vars = append(tx.Statement.Vars, args...)
	return tx
}

// Select chooses the columns.
func (db *DB) Select(query any, args ...any) *DB { return db.clause("SELECT", query, args) }

// Where adds a condition.
func (db *DB) Where(query any, args ...any) *DB { return db.clause("WHERE", query, args) }

// Or adds an alternative condition.
func (db *DB) Or(query any, args ...any) *DB { return db.clause("OR", query, args) }

// Not adds a negated condition.
func (db *DB) Not(query any, args ...any) *DB { return db.clause("NOT", query, args) }

// Joins adds a join.
func (db *DB) Joins(query string, args ...any) *DB { return db.clause("JOIN", query, args) }

// Group adds a GROUP BY.
func (db *DB) Group(name string) *DB { return db.clause("GROUP BY", name, nil) }

// Order adds an ORDER BY.
func (db *DB) Order(value any) *DB { return db.clause("ORDER BY", value, nil) }

// Limit limits the number of rows.
func (db *DB) Limit(limit int) *DB { return db.clause("LIMIT", limit, nil) }

// Offset skips rows.
func (db *DB) Offset(offset int) *DB { return db.clause("OFFSET", offset, nil) }

// Preload loads an association with the main query.
func (db *DB) Preload(query string, args ...any) *DB {
	tx := db.getInstance()
	tx.Statement.Preloads = append(tx.Statement.Preloads, query)
	tx.Statement.Vars = append(tx.Statement.Vars, args...)
	return tx
}

func (db *DB) finish(sql string, dest any, conds []any) *DB {
	tx := db.getInstance()
	tx.Statement.SQL = sql
	tx.Statement.Dest = dest
	tx.Statement.Vars = append(tx.Statement.Vars, conds...)
	return tx
}

// First finds the first record ordered by primary key.
func (db *DB) First(dest any, conds ...any) *DB { return db.finish("SELECT LIMIT 1", dest, conds) }

// Take finds one record in no particular order.
func (db *DB) Take(dest any, conds ...any) *DB { return db.finish("SELECT LIMIT 1", dest, conds) }

// Find finds all records matching the conditions.
func (db *DB) Find(dest any, conds ...any) *DB { return db.finish("SELECT", dest, conds) }

// Scan scans the result into dest.
func (db *DB) Scan(dest any) *DB { return db.finish("SCAN", dest, nil) }

// Count counts matching records.
func (db *DB) Count(count *int64) *DB { return db.finish("SELECT count(*)", count, nil) }

// Pluck queries a single column into a slice.
func (db *DB) Pluck(column string, dest any) *DB { return db.finish("SELECT "+column, dest, nil) }

// Create inserts value.
func (db *DB) Create(value any) *DB { return db.finish("INSERT", value, nil) }

// Save inserts or updates value with all its fields.
func (db *DB) Save(value any) *DB { return db.finish("UPDATE", value, nil) }

// Update updates one column.
func (db *DB) Update(column string, value any) *DB {
	return db.finish("UPDATE "+column, value, nil)
}

// Updates updates the given attributes (a struct or a map).
func (db *DB) Updates(values any) *DB { return db.finish("UPDATE", values, nil) }

// Delete deletes value.
func (db *DB) Delete(value any, conds ...any) *DB { return db.finish("DELETE", value, conds) }

// Raw prepares a raw SQL query; chain Scan to run it.
func (db *DB) Raw(sql string, values ...any) *DB { return db.finish(sql, nil, values) }

// Exec runs raw SQL.
func (db *DB) Exec(sql string, values ...any) *DB { return db.finish(sql, nil, values) }

// Begin starts a transaction.
func (db *DB) Begin(opts ...*sql.TxOptions) *DB { return db.getInstance() }

// Commit commits a transaction.
func (db *DB) Commit() *DB { return db }

// Rollback rolls a transaction back.
func (db *DB) Rollback() *DB { return db }

// Transaction runs fc in a transaction, committing when it returns nil.
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) {
	tx := db.Begin(opts...)
	defer func() {
		if r := recover(); r != nil {
			tx.Rollback()
			panic(r)
		}
	}()
	if err = fc(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}
