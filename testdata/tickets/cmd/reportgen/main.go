// Command reportgen produces finance and commercial reports:
//
//	reportgen -report sales -day 2024-05-01
//	reportgen -report settlements -from 2024-04-01 -to 2024-05-01
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	catpg "gatehouse.events/platform/internal/catalog/adapters/postgres"
	catapp "gatehouse.events/platform/internal/catalog/app"
	invpg "gatehouse.events/platform/internal/inventory/adapters/postgres"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/config"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/logging"
	"gatehouse.events/platform/reports/sales"
	"gatehouse.events/platform/reports/settlements"
)

func main() {
	report := flag.String("report", "sales", "sales | settlements")
	day := flag.String("day", time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly), "day for the sales report")
	from := flag.String("from", "", "settlements: period_end from (inclusive)")
	to := flag.String("to", "", "settlements: period_end to (exclusive)")
	flag.Parse()

	if err := run(*report, *day, *from, *to); err != nil {
		fmt.Fprintln(os.Stderr, "reportgen:", err)
		os.Exit(1)
	}
}

func run(report, day, from, to string) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	ctx := context.Background()
	log := logging.Discard()
	sqlDB, err := db.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer sqlDB.Close()

	switch report {
	case "sales":
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			return err
		}
		venues := catpg.NewVenueStore(sqlDB)
		evs := catapp.NewEventService(catpg.NewEventStore(sqlDB), venues,
			invpg.NewSeatStore(sqlx.NewDb(sqlDB, "postgres")), events.NewBus(log), clock.System{}, log)
		lines, err := sales.NewReport(sqlDB, evs).ForDay(ctx, d)
		if err != nil {
			return err
		}
		return sales.Render(os.Stdout, d, lines)
	case "settlements":
		f, err := time.Parse(time.DateOnly, from)
		if err != nil {
			return fmt.Errorf("-from: %w", err)
		}
		t, err := time.Parse(time.DateOnly, to)
		if err != nil {
			return fmt.Errorf("-to: %w", err)
		}
		rows, err := settlements.NewExporter(sqlDB).Load(ctx, f, t)
		if err != nil {
			return err
		}
		return settlements.WriteCSV(os.Stdout, rows)
	default:
		return fmt.Errorf("unknown report %q", report)
	}
}
