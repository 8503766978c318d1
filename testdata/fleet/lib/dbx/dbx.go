// Package dbx holds the small helpers every repository in the monolith uses
// on top of database/sql. It deliberately knows no table names.
package dbx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gitlab.com/roadrunner/fleet/lib/errs"
)

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens a pool with our defaults. It does not ping: the stub driver
// used in CI cannot, and the real one is pinged by the health check.
func Open(driver, dsn string, maxOpen int) (*sql.DB, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("dbx: open %s: %w", driver, err)
	}
	db.SetMaxOpenConns(max(maxOpen, 2))
	db.SetConnMaxLifetime(30 * time.Minute)
	return db, nil
}

// InTx runs fn in a transaction, rolling back on error or panic.
func InTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("dbx: begin: %w", err)
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

// NotFoundOr turns sql.ErrNoRows into an errs.NotFound and wraps anything else.
func NotFoundOr(err error, op, what string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFound(op, what, id)
	}
	return errs.Wrap(op, err)
}

// MustAffect fails with not-found when an UPDATE/DELETE touched no row.
func MustAffect(res sql.Result, op, what string, id any) error {
	if n, err := res.RowsAffected(); err != nil {
		return errs.Wrap(op, err)
	} else if n == 0 {
		return errs.NotFound(op, what, id)
	}
	return nil
}

// NullString maps "" to NULL.
func NullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// NullTime maps the zero time to NULL.
func NullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }

// Page is a limit/offset window.
type Page struct {
	Limit  int
	Offset int
}

// Clamp keeps a page within sane bounds.
func (p Page) Clamp() Page {
	if p.Limit <= 0 || p.Limit > 500 {
		p.Limit = 50
	}
	p.Offset = max(p.Offset, 0)
	return p
}

// ScanAll drains rows with scan, closing them.
func ScanAll[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
