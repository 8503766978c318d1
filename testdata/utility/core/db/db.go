// Package db wraps database/sql with the transaction and scanning helpers
// the stores share. The driver is linked by the deploy build.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Querier is satisfied by *sql.DB and *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func Open(driver, dsn string) (*sql.DB, error) {
	d, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	d.SetMaxOpenConns(20)
	d.SetMaxIdleConns(5)
	d.SetConnMaxLifetime(30 * time.Minute)
	return d, nil
}

// WithTx runs fn in a transaction, committing on nil and rolling back
// otherwise.
func WithTx(ctx context.Context, d *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Placeholders returns "$start, $start+1, ..." for n parameters.
func Placeholders(n, start int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", start+i)
	}
	return strings.Join(p, ", ")
}

func NullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}

func TimePtr(nt sql.NullTime) *time.Time {
	if !nt.Valid {
		return nil
	}
	t := nt.Time
	return &t
}

func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// StringArgs converts a []string to []any for IN (...) queries.
func StringArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
