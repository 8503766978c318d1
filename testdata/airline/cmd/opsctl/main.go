// Command opsctl is the operations controllers' command-line tool.
//
//	opsctl import-ssim FILE
//	opsctl generate DAYS
//	opsctl cancel FLIGHT_ID REASON...
//	opsctl publish-roster YYYY-MM-DD DAYS
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"skyhop.aero/backend/pkg/crew"
	"skyhop.aero/backend/pkg/notify"
	"skyhop.aero/backend/pkg/platform/config"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/platform/logging"
	"skyhop.aero/backend/pkg/schedule"
	"skyhop.aero/backend/pkg/schedule/inventory"
	"skyhop.aero/backend/pkg/schedule/ssim"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: opsctl import-ssim FILE | generate DAYS | cancel ID REASON | publish-roster DATE DAYS")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "opsctl:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cmd string, args []string) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := logging.New(cfg.Env, "opsctl")
	database, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer database.Close()
	bus := events.NewBus(database, log)
	sched := schedule.New(database, inventory.New(database), bus, log)

	switch cmd {
	case "import-ssim":
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := (&ssim.Importer{Svc: sched, Log: log}).Import(ctx, f)
		if err != nil {
			return err
		}
		fmt.Printf("%d records, %d saved\n", res.Lines, res.Saved)
		for _, r := range res.Rejected {
			fmt.Println("  rejected:", r)
		}
	case "generate":
		days, err := strconv.Atoi(args[0])
		if err != nil {
			return err
		}
		n, err := sched.Generate(ctx, time.Now().UTC().Truncate(24*time.Hour), days)
		if err != nil {
			return err
		}
		fmt.Printf("%d flights created\n", n)
	case "cancel":
		id, err := strconv.ParseInt(args[0], 10, 64)
		if err != nil {
			return err
		}
		if err := sched.Cancel(ctx, id, strings.Join(args[1:], " ")); err != nil {
			return err
		}
		fmt.Println("cancelled; passengers will be re-accommodated by the worker")
	case "publish-roster":
		from, err := time.Parse("2006-01-02", args[0])
		if err != nil {
			return err
		}
		days := 28
		if len(args) > 1 {
			if days, err = strconv.Atoi(args[1]); err != nil {
				return err
			}
		}
		svc := crew.New(database, bus, notify.New(database, cfg, log), log)
		n, err := svc.Publish(ctx, from, from.AddDate(0, 0, days))
		if err != nil {
			return err
		}
		fmt.Printf("roster published, %d crew notified\n", n)
	default:
		return fmt.Errorf("unknown command %q", cmd)
	}
	return nil
}
