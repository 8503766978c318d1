// Package db holds database/sql helpers shared by all repositories.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/zipcab/backend/pkg/log"
)

// DBTX is satisfied by *sql.DB and *sql.Tx.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens a pooled Postgres connection.
func Open(dsn string) (*sql.DB, error) {
	conn, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	conn.SetMaxOpenConns(40)
	conn.SetMaxIdleConns(10)
	conn.SetConnMaxLifetime(30 * time.Minute)
	return conn, nil
}

type txKey struct{}

// WithTx runs fn in a transaction, committing on success.
// Nested calls reuse the transaction stored in ctx.
func WithTx(ctx context.Context, conn *sql.DB, fn func(ctx context.Context, tx *sql.Tx) error) error {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx, tx)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	ctx = context.WithValue(ctx, txKey{}, tx)
	if err := fn(ctx, tx); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			log.From(ctx).Error("rollback failed", "err", rbErr)
		}
		return err
	}
	return tx.Commit()
}

// Conn returns the transaction in ctx if any, otherwise conn.
func Conn(ctx context.Context, conn *sql.DB) DBTX {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return conn
}

// IsNoRows reports whether err is sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// NullString converts an empty string into a NULL.
func NullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// Page is a keyset/offset pagination request.
type Page struct {
	Limit  int
	Offset int
}

// Normalize clamps the page to sane bounds.
func (p Page) Normalize() Page {
	if p.Limit <= 0 || p.Limit > 100 {
		p.Limit = 20
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}
