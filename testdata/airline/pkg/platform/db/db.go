// Package db contains helpers around database/sql used by every store.
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

// Open opens the pool with the settings we use in production. The driver is
// linked by the deploy build ("pgx" is registered there).
func Open(url string) (*sql.DB, error) {
	if url == "" {
		return nil, errors.New("db: empty database url")
	}
	d, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	d.SetMaxOpenConns(40)
	d.SetMaxIdleConns(10)
	d.SetConnMaxLifetime(30 * time.Minute)
	return d, nil
}

type txKey struct{}

// InTx runs fn in a transaction, committing on success. Nested calls reuse
// the outer transaction found in the context.
func InTx(ctx context.Context, d *sql.DB, fn func(ctx context.Context, tx *sql.Tx) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx, tx)
	}
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	ctx = context.WithValue(ctx, txKey{}, tx)
	if err := fn(ctx, tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Q returns the transaction in ctx if any, otherwise the pool.
func Q(ctx context.Context, d *sql.DB) Querier {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return d
}

// NotFound reports whether err is sql.ErrNoRows.
func NotFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// NullString converts an empty string into SQL NULL.
func NullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// NullTime converts a zero time into SQL NULL.
func NullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }
