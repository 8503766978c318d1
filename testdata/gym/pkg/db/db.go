// Package db holds database/sql helpers shared by all stores.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pulsefit/clubs/pkg/errs"
)

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens the pool. The driver is linked by the deploy build.
func Open(url string, maxOpen int) (*sql.DB, error) {
	conn, err := sql.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	conn.SetMaxOpenConns(maxOpen)
	conn.SetMaxIdleConns(maxOpen / 2)
	conn.SetConnMaxLifetime(30 * time.Minute)
	return conn, nil
}

// WithTx runs fn in a transaction, committing on success.
func WithTx(ctx context.Context, conn *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// NotFound converts sql.ErrNoRows into errs.ErrNotFound.
func NotFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFound(what)
	}
	return err
}

// NullTime converts a *time.Time to sql.NullTime.
func NullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}

// TimePtr converts sql.NullTime back.
func TimePtr(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time
	return &t
}

// RowsAffected returns ErrNotFound when an update touched nothing.
func RowsAffected(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errs.NotFound(what)
	}
	return nil
}
