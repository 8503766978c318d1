// Package pgxpool is a trimmed, offline stand-in for
// github.com/jackc/pgx/v5/pgxpool backed by database/sql.
package pgxpool

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
)

// Pool is a connection pool.
type Pool struct{ db *sql.DB }

// New creates a pool from a connection string. The stand-in uses the
// "postgres" database/sql driver, which must be registered by the caller.
func New(ctx context.Context, connString string) (*Pool, error) {
	db, err := sql.Open("postgres", connString)
	if err != nil {
		return nil, err
	}
	return &Pool{db: db}, nil
}

// Ping checks connectivity.
func (p *Pool) Ping(ctx context.Context) error { return p.db.PingContext(ctx) }

// Close closes all connections.
func (p *Pool) Close() { _ = p.db.Close() }

// Exec runs a statement.
func (p *Pool) Exec(ctx context.Context, q string, args ...any) (pgx.CommandTag, error) {
	res, err := p.db.ExecContext(ctx, q, args...)
	if err != nil {
		return pgx.CommandTag{}, err
	}
	n, _ := res.RowsAffected()
	return pgx.NewCommandTag(n), nil
}

// Query runs a query returning rows.
func (p *Pool) Query(ctx context.Context, q string, args ...any) (pgx.Rows, error) {
	r, err := p.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.WrapRows(r), nil
}

// QueryRow runs a query returning at most one row.
func (p *Pool) QueryRow(ctx context.Context, q string, args ...any) pgx.Row {
	return pgx.WrapRow(p.db.QueryRowContext(ctx, q, args...))
}

// BeginTx starts a transaction.
func (p *Pool) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	iso := sql.LevelDefault
	if opts.IsoLevel == pgx.Serializable {
		iso = sql.LevelSerializable
	}
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{Isolation: iso})
	if err != nil {
		return nil, err
	}
	return pgx.WrapTx(tx), nil
}
