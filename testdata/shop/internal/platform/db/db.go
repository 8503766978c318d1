// Package db holds the helpers every store uses around database/sql:
// opening a pool, transactions, and scanning rows.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Querier is what stores need to run statements: both *sql.DB and *sql.Tx
// satisfy it, so a store method can take part in a caller's transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var (
	_ Querier = (*sql.DB)(nil)
	_ Querier = (*sql.Tx)(nil)
)

// Scanner is a *sql.Row or *sql.Rows.
type Scanner interface {
	Scan(dest ...any) error
}

// Errors returned by the helpers.
var (
	ErrNotFound     = errors.New("db: no rows")
	ErrNoneAffected = errors.New("db: no rows affected")
)

// Options sizes the connection pool.
type Options struct {
	MaxOpen         int
	MaxIdle         int
	ConnMaxLifetime time.Duration
}

// Open opens a pool; it does not connect.
func Open(driver, dsn string, o Options) (*sql.DB, error) {
	conn, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open %s: %w", driver, err)
	}
	if o.MaxOpen > 0 {
		conn.SetMaxOpenConns(o.MaxOpen)
	}
	if o.MaxIdle > 0 {
		conn.SetMaxIdleConns(o.MaxIdle)
	}
	if o.ConnMaxLifetime > 0 {
		conn.SetConnMaxLifetime(o.ConnMaxLifetime)
	}
	return conn, nil
}

// Ping checks the connection within timeout.
func Ping(ctx context.Context, conn *sql.DB, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := conn.PingContext(ctx); err != nil {
		return fmt.Errorf("db: ping: %w", err)
	}
	return nil
}

// WithTx runs fn in a transaction. It commits when fn returns nil and rolls
// back when fn fails or panics.
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
			if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
				err = errors.Join(err, fmt.Errorf("db: rollback: %w", rbErr))
			}
			return
		}
		if cErr := tx.Commit(); cErr != nil {
			err = fmt.Errorf("db: commit: %w", cErr)
		}
	}()
	return fn(tx)
}

// ScanOne scans a single row, turning sql.ErrNoRows into ErrNotFound.
func ScanOne[T any](row *sql.Row, scan func(Scanner) (T, error)) (T, error) {
	v, err := scan(row)
	if errors.Is(err, sql.ErrNoRows) {
		var zero T
		return zero, ErrNotFound
	}
	return v, err
}

// ScanAll scans every row and closes rows.
func ScanAll[T any](rows *sql.Rows, scan func(Scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// QueryAll runs query and scans every row.
func QueryAll[T any](ctx context.Context, q Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return ScanAll(rows, scan)
}

// ExpectRows checks that a statement affected exactly want rows.
func ExpectRows(res sql.Result, want int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 && want > 0 {
		return ErrNoneAffected
	}
	if n != want {
		return fmt.Errorf("db: %d rows affected, want %d", n, want)
	}
	return nil
}

// Placeholders returns "$start, $start+1, ..." with n placeholders.
func Placeholders(start, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(start + i))
	}
	return b.String()
}

// Args converts a slice to query arguments.
func Args[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// IsUniqueViolation reports whether err is a unique-constraint violation.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "23505") || strings.Contains(msg, "duplicate key")
}

// NullTime converts a possibly-NULL time to a pointer.
func NullTime(nt sql.NullTime) *time.Time {
	if !nt.Valid {
		return nil
	}
	t := nt.Time
	return &t
}

// TimeArg converts a pointer to a query argument (NULL when nil).
func TimeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}
