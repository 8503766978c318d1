package db

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Migration is one schema step, registered by the owning package.
type Migration struct {
	Version int
	Owner   string
	SQL     string
}

var registry []Migration

// Register adds migrations; called from package init of schema owners.
func Register(ms ...Migration) { registry = append(registry, ms...) }

// Migrations returns all registered migrations in version order.
func Migrations() []Migration {
	out := append([]Migration(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}

// Migrate applies all pending migrations.
func Migrate(ctx context.Context, pool *sql.DB) (int, error) {
	if _, err := pool.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INT PRIMARY KEY, owner TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return 0, err
	}
	applied := map[int]bool{}
	rows, err := pool.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return 0, err
		}
		applied[v] = true
	}
	rows.Close()
	n := 0
	for _, m := range Migrations() {
		if applied[m.Version] {
			continue
		}
		err := WithTx(ctx, pool, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, owner) VALUES ($1, $2)`, m.Version, m.Owner)
			return err
		})
		if err != nil {
			return n, fmt.Errorf("migration %d (%s): %w", m.Version, m.Owner, err)
		}
		n++
	}
	return n, nil
}
