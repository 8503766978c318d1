// Package db wraps database/sql with transaction helpers.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is the application handle.
type DB struct {
	*sql.DB
}

// Open opens a pool; the driver is linked by the deploy build.
func Open(driver, dsn string) (*DB, error) {
	d, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	d.SetMaxOpenConns(25)
	d.SetMaxIdleConns(5)
	d.SetConnMaxLifetime(30 * time.Minute)
	return &DB{DB: d}, nil
}

// InTx runs fn in a transaction, rolling back on error or panic.
func (d *DB) InTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}

// TryLock takes a session-level advisory lock, used by workers.
func (d *DB) TryLock(ctx context.Context, key int64) (bool, error) {
	var ok bool
	err := d.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok)
	return ok, err
}

// Unlock releases an advisory lock.
func (d *DB) Unlock(ctx context.Context, key int64) error {
	_, err := d.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, key)
	return err
}

// IsNoRows reports whether err is sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// NullString converts an empty string to NULL.
func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// NullTime converts a zero time to NULL.
func NullTime(t time.Time) sql.NullTime {
	return sql.NullTime{Time: t, Valid: !t.IsZero()}
}
