package db

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sort"
)

// Migration is one forward-only schema change. Each context owns its list.
type Migration struct {
	Name string
	Up   string
}

// Migrate applies migrations not yet recorded in schema_migrations,
// ordered by name.
func Migrate(ctx context.Context, d *sql.DB, log *slog.Logger, migs []Migration) (int, error) {
	if _, err := d.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return 0, err
	}
	done := map[string]bool{}
	rows, err := d.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return 0, err
		}
		done[n] = true
	}
	rows.Close()

	sorted := append([]Migration(nil), migs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	applied := 0
	for _, m := range sorted {
		if done[m.Name] {
			continue
		}
		err := WithTx(ctx, d, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.Up); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name) VALUES ($1)`, m.Name)
			return err
		})
		if err != nil {
			return applied, err
		}
		log.Info("applied migration", "name", m.Name)
		applied++
	}
	return applied, nil
}
