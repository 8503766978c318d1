// Package db holds database/sql helpers shared by every store.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ledgerly/people/pkg/errs"
	"github.com/ledgerly/people/pkg/log"
)

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens the primary database pool.
func Open(driver, dsn string, maxConns int) (*sql.DB, error) {
	pool, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	pool.SetMaxOpenConns(maxConns)
	pool.SetMaxIdleConns(maxConns / 2)
	pool.SetConnMaxLifetime(30 * time.Minute)
	return pool, nil
}

// WithTx runs fn inside a transaction, committing on success.
func WithTx(ctx context.Context, pool *sql.DB, fn func(tx *sql.Tx) error) (err error) {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "begin tx")
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			if rbErr := tx.Rollback(); rbErr != nil {
				log.Error(ctx, "rollback failed", rbErr)
			}
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}

// NotFound converts sql.ErrNoRows into an errs.NotFound error.
func NotFound(err error, what string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.NotFound, "%s %v not found", what, id)
	}
	if err != nil {
		return errs.Wrap(err, errs.Internal, "query "+what)
	}
	return nil
}

// NullTime converts a *time.Time into sql.NullTime.
func NullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}

// TimePtr converts sql.NullTime into *time.Time.
func TimePtr(nt sql.NullTime) *time.Time {
	if !nt.Valid {
		return nil
	}
	t := nt.Time
	return &t
}

// NullString converts "" into a NULL.
func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// Placeholders returns "$start, $start+1, ..." for n args.
func Placeholders(start, n int) string {
	b := make([]byte, 0, n*4)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, fmt.Sprintf("$%d", start+i)...)
	}
	return string(b)
}
