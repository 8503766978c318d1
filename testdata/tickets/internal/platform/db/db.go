// Package db holds database/sql helpers: opening the pool, transactions
// and small scanning utilities used by the postgres adapters.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gatehouse.events/platform/internal/platform/errs"
)

// DBTX is satisfied by *sql.DB and *sql.Tx.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens and configures the shared connection pool.
func Open(driver, dsn string) (*sql.DB, error) {
	d, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	d.SetMaxOpenConns(40)
	d.SetMaxIdleConns(10)
	d.SetConnMaxLifetime(30 * time.Minute)
	return d, nil
}

type txKey struct{}

// WithTx runs fn in a transaction, committing on success. Nested calls
// reuse the outer transaction carried on ctx.
func WithTx(ctx context.Context, d *sql.DB, fn func(ctx context.Context, tx *sql.Tx) error) error {
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

// Conn returns the transaction on ctx if any, else d.
func Conn(ctx context.Context, d *sql.DB) DBTX {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return d
}

// NotFound converts sql.ErrNoRows into an errs not-found error.
func NotFound(err error, op, what string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFound(op, what, id)
	}
	return errs.Wrap(err, op)
}

// Placeholders returns "$start, $start+1, ..." for n values.
func Placeholders(start, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("$%d", start+i)
	}
	return strings.Join(parts, ", ")
}

// NullTime converts a possibly-zero time into sql.NullTime.
func NullTime(t time.Time) sql.NullTime {
	return sql.NullTime{Time: t, Valid: !t.IsZero()}
}

// NullString converts an empty string into a NULL.
func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// ExpectOne checks that a statement affected exactly one row.
func ExpectOne(res sql.Result, op string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return errs.Wrap(err, op)
	}
	if n != 1 {
		return errs.Conflict(op, fmt.Sprintf("expected 1 row affected, got %d", n))
	}
	return nil
}
