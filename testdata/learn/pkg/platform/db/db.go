// Package db holds database helpers shared by every repository: connection
// setup, transactions and a few scanning helpers.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"quill.dev/academy/pkg/platform/config"
	"quill.dev/academy/pkg/platform/errs"
)

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens the main database pool.
func Open(cfg *config.Config) (*sql.DB, error) {
	pool, err := sql.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	pool.SetMaxOpenConns(cfg.DBMaxConns)
	pool.SetMaxIdleConns(cfg.DBMaxConns / 2)
	pool.SetConnMaxLifetime(30 * time.Minute)
	return pool, nil
}

// WithTx runs fn in a transaction, committing on success.
func WithTx(ctx context.Context, pool *sql.DB, fn func(tx *sql.Tx) error) (err error) {
	tx, err := pool.BeginTx(ctx, nil)
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

// NotFound converts sql.ErrNoRows into an errs.NotFound error.
func NotFound(op string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.Wrap(errs.NotFound, op, err)
	}
	return errs.Wrap(errs.Internal, op, err)
}

// NullTime converts a *time.Time into sql.NullTime.
func NullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}

// TimePtr converts sql.NullTime into *time.Time.
func TimePtr(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time
	return &t
}

// NullString converts "" into NULL.
func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// Ping checks connectivity with a short timeout; used by health checks.
func Ping(ctx context.Context, pool *sql.DB) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return pool.PingContext(ctx)
}
