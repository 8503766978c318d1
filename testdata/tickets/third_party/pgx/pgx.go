// Package pgx is a trimmed, offline stand-in for github.com/jackc/pgx/v5.
// It exposes the Row/Rows/Tx shapes Gatehouse uses and is backed by
// database/sql so the code compiles without network access.
package pgx

import (
	"context"
	"database/sql"
	"errors"
)

// ErrNoRows occurs when rows are expected but none are returned.
var ErrNoRows = errors.New("no rows in result set")

// Row is a single-row result.
type Row interface {
	Scan(dest ...any) error
}

// Rows is the result set of a query.
type Rows interface {
	Close()
	Err() error
	Next() bool
	Scan(dest ...any) error
}

// CommandTag is the status text returned by Postgres for a command.
type CommandTag struct{ rows int64 }

// NewCommandTag builds a tag with the given affected row count.
func NewCommandTag(n int64) CommandTag { return CommandTag{rows: n} }

// RowsAffected returns the number of rows affected.
func (c CommandTag) RowsAffected() int64 { return c.rows }

// Tx represents a database transaction.
type Tx interface {
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
	Exec(ctx context.Context, sql string, args ...any) (CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) Row
}

// TxOptions are transaction modes.
type TxOptions struct {
	IsoLevel TxIsoLevel
}

// TxIsoLevel is the transaction isolation level.
type TxIsoLevel string

const (
	Serializable  TxIsoLevel = "serializable"
	ReadCommitted TxIsoLevel = "read committed"
)

// WrapRows adapts *sql.Rows; used by pgxpool.
func WrapRows(r *sql.Rows) Rows { return &sqlRows{r} }

// WrapRow adapts *sql.Row; used by pgxpool.
func WrapRow(r *sql.Row) Row { return &sqlRow{r} }

type sqlRows struct{ r *sql.Rows }

func (s *sqlRows) Close()                 { _ = s.r.Close() }
func (s *sqlRows) Err() error             { return s.r.Err() }
func (s *sqlRows) Next() bool             { return s.r.Next() }
func (s *sqlRows) Scan(dest ...any) error { return s.r.Scan(dest...) }

type sqlRow struct{ r *sql.Row }

func (s *sqlRow) Scan(dest ...any) error {
	err := s.r.Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNoRows
	}
	return err
}

// WrapTx adapts *sql.Tx.
func WrapTx(tx *sql.Tx) Tx { return &sqlTx{tx} }

type sqlTx struct{ tx *sql.Tx }

func (t *sqlTx) Commit(context.Context) error   { return t.tx.Commit() }
func (t *sqlTx) Rollback(context.Context) error { return t.tx.Rollback() }
func (t *sqlTx) Exec(ctx context.Context, q string, args ...any) (CommandTag, error) {
	res, err := t.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return CommandTag{}, err
	}
	n, _ := res.RowsAffected()
	return CommandTag{rows: n}, nil
}
func (t *sqlTx) Query(ctx context.Context, q string, args ...any) (Rows, error) {
	r, err := t.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return &sqlRows{r}, nil
}
func (t *sqlTx) QueryRow(ctx context.Context, q string, args ...any) Row {
	return &sqlRow{t.tx.QueryRowContext(ctx, q, args...)}
}
