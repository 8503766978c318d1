// Command ledgerfix finds (and with -apply, voids) duplicate rent postings
// left behind by the March 2023 double-run of the rent poster.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/keystoneprop/platform/internal/config"
	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/ledger"
)

func main() {
	apply := flag.Bool("apply", false, "void duplicates instead of just listing them")
	month := flag.String("month", "", "limit to rent month YYYY-MM")
	flag.Parse()

	cfg := config.Load()
	conn, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	store := ledger.NewStore(conn)
	ctx := context.Background()

	rows, err := store.Conn().QueryContext(ctx, `
		SELECT id, lease_id, source_ref FROM (
			SELECT id, lease_id, source_ref,
			       row_number() OVER (PARTITION BY lease_id, source_ref ORDER BY posted_on, id) AS n
			FROM ledger_entries
			WHERE type = 'rent' AND voided_at IS NULL AND source_ref LIKE 'rent:%'
			  AND ($1 = '' OR source_ref = 'rent:' || $1)
		) d WHERE n > 1`, *month)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	type dup struct{ id, lease, ref string }
	var dups []dup
	for rows.Next() {
		var d dup
		if err := rows.Scan(&d.id, &d.lease, &d.ref); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		dups = append(dups, d)
	}
	rows.Close()

	for _, d := range dups {
		fmt.Printf("%s\t%s\t%s\n", d.lease, d.ref, d.id)
		if *apply {
			if err := store.Void(ctx, d.id); err != nil {
				fmt.Fprintln(os.Stderr, "void", d.id, err)
			}
		}
	}
	fmt.Fprintf(os.Stderr, "%d duplicate rent entries (apply=%v)\n", len(dups), *apply)
}
