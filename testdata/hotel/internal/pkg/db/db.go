// Package db contains helpers around database/sql shared by every store.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/staybright/platform/internal/pkg/errs"
)

// Querier is implemented by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens a postgres pool with the platform defaults.
func Open(url string) (*sql.DB, error) {
	conn, err := sql.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	conn.SetMaxOpenConns(25)
	conn.SetMaxIdleConns(10)
	conn.SetConnMaxLifetime(30 * time.Minute)
	return conn, nil
}

// WithTx runs fn in a transaction, committing on success.
func WithTx(ctx context.Context, conn *sql.DB, fn func(tx *sql.Tx) error) (err error) {
	tx, err := conn.BeginTx(ctx, nil)
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
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// NotFound converts sql.ErrNoRows into an errs.NotFound error.
func NotFound(err error, op, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.NotFound, op, what+" not found")
	}
	if IsUniqueViolation(err) {
		return errs.Wrapf(errs.Conflict, err, op, "%s already exists", what)
	}
	return errs.Wrap(err, op)
}

// IsUniqueViolation reports a postgres unique constraint failure.
func IsUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505"
}

// NullString returns a NullString that is invalid for "".
func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// NullInt64 returns a NullInt64 that is invalid for 0.
func NullInt64(v int64) sql.NullInt64 {
	return sql.NullInt64{Int64: v, Valid: v != 0}
}

// RowsAffected returns errs.NotFound when an update touched no rows.
func RowsAffected(res sql.Result, op, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return errs.Wrap(err, op)
	}
	if n == 0 {
		return errs.E(errs.NotFound, op, what+" not found")
	}
	return nil
}
