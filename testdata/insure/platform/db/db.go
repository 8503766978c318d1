// Package db holds the connection pool and transaction helpers used by every
// repository. Repositories call db.Q(ctx, pool) so that they transparently
// join a transaction started higher up with WithTx.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
)

// DB is the shared pool.
type DB struct {
	*sql.DB
	Driver string
	log    *log.Logger
}

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open opens the pool described by cfg. The driver itself is linked in by the
// deployment build (see deploy/drivers), not by this package.
func Open(cfg *config.Config) (*DB, error) {
	sqldb, err := sql.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	sqldb.SetMaxOpenConns(cfg.DBMaxConns)
	sqldb.SetMaxIdleConns(cfg.DBMaxConns / 2)
	sqldb.SetConnMaxLifetime(30 * time.Minute)
	return &DB{DB: sqldb, Driver: cfg.DBDriver, log: log.New("db")}, nil
}

type txKey struct{}

// WithTx runs fn inside a transaction stored in the context. Nested calls
// reuse the outer transaction.
func (d *DB) WithTx(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if _, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(ctx)
	}
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return errs.E("db.WithTx", errs.Unavailable, "begin: %v", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			if rbErr := tx.Rollback(); rbErr != nil {
				d.log.Error("rollback failed", rbErr)
			}
			return
		}
		err = tx.Commit()
	}()
	return fn(context.WithValue(ctx, txKey{}, tx))
}

// Q returns the transaction in ctx, or the pool.
func Q(ctx context.Context, d *DB) Querier {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return d.DB
}

// InTx reports whether ctx carries a transaction.
func InTx(ctx context.Context) bool {
	_, ok := ctx.Value(txKey{}).(*sql.Tx)
	return ok
}

// IsNoRows reports sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Placeholders returns "$start, $start+1, ..." for n values.
func Placeholders(n, start int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", start+i)
	}
	return b.String()
}

// NullString maps "" to NULL.
func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// NullInt64 maps 0 to NULL.
func NullInt64(n int64) sql.NullInt64 {
	return sql.NullInt64{Int64: n, Valid: n != 0}
}

// MustAffect returns a NotFound error if res affected no rows.
func MustAffect(op string, res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return errs.Wrap(op, err)
	}
	if n == 0 {
		return errs.NotFoundf(op, "%s not found", what)
	}
	return nil
}
