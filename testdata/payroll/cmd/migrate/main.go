// Command migrate applies the embedded SQL migrations in order.
package main

import (
	"context"
	"database/sql"
	"embed"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"sort"

	_ "github.com/lib/pq"

	"github.com/ledgerly/people/pkg/config"
	"github.com/ledgerly/people/pkg/db"
	"github.com/ledgerly/people/pkg/log"
)

//go:embed migrations/*.sql
var migrations embed.FS

func main() {
	dry := flag.Bool("dry-run", false, "list pending migrations without applying them")
	flag.Parse()
	ctx := context.Background()
	cfg, err := config.Load()
	if err != nil {
		log.Error(ctx, "config", err)
		os.Exit(1)
	}
	log.Setup("migrate", cfg.LogLevel)
	pool, err := db.Open("postgres", cfg.DatabaseURL, 2)
	if err != nil {
		log.Error(ctx, "open database", err)
		os.Exit(1)
	}
	defer pool.Close()
	if err := run(ctx, pool, *dry); err != nil {
		log.Error(ctx, "migrate", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, pool *sql.DB, dry bool) error {
	if _, err := pool.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		var done bool
		if err := pool.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = $1)`, name).Scan(&done); err != nil {
			return err
		}
		if done {
			continue
		}
		if dry {
			fmt.Println("pending:", name)
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		err = db.WithTx(ctx, pool, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name) VALUES ($1)`, name)
			return err
		})
		if err != nil {
			return err
		}
		log.Info(ctx, "applied migration", "name", name)
	}
	return nil
}
