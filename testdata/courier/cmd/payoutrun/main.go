// Command payoutrun drafts, approves and exports a driver payout period.
//
//	payoutrun -from 2024-03-04 -to 2024-03-11 -step draft
//	payoutrun -from 2024-03-04 -to 2024-03-11 -step export -exec 2024-03-13 -out batch.xml
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"parcelgo.com/platform/infrastructure/container"
	"parcelgo.com/platform/shared/config"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/logging"
)

func main() {
	fromS := flag.String("from", "", "period start (YYYY-MM-DD, inclusive)")
	toS := flag.String("to", "", "period end (YYYY-MM-DD, exclusive)")
	step := flag.String("step", "draft", "draft | export")
	execS := flag.String("exec", "", "execution date for export (default: today + 2)")
	out := flag.String("out", "payout.xml", "output file for export")
	flag.Parse()

	from, err1 := time.Parse("2006-01-02", *fromS)
	to, err2 := time.Parse("2006-01-02", *toS)
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "payoutrun: -from and -to are required (YYYY-MM-DD)")
		os.Exit(2)
	}
	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	log := logging.New(cfg.Env)
	sqlDB, err := db.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer sqlDB.Close()
	c := container.Build(cfg, log, sqlDB)
	ctx := context.Background()

	switch *step {
	case "draft":
		sts, err := c.Payouts.RunPeriod(ctx, from, to)
		if err != nil {
			log.Error("draft", "err", err)
			os.Exit(1)
		}
		for _, st := range sts {
			fmt.Printf("%-30s %5d stops %5d failed %8s\n", st.DriverName, st.Work.CompletedStops, st.Work.FailedStops, st.Net)
		}
	case "export":
		exec := time.Now().AddDate(0, 0, 2)
		if *execS != "" {
			if exec, err = time.Parse("2006-01-02", *execS); err != nil {
				fmt.Fprintln(os.Stderr, "payoutrun: bad -exec")
				os.Exit(2)
			}
		}
		file, batch, err := c.Payouts.Export(ctx, from, to, exec)
		if err != nil {
			log.Error("export", "err", err)
			os.Exit(1)
		}
		if err := os.WriteFile(*out, file, 0o600); err != nil {
			log.Error("write", "err", err)
			os.Exit(1)
		}
		fmt.Printf("wrote batch %s to %s\n", batch, *out)
	default:
		fmt.Fprintln(os.Stderr, "payoutrun: unknown -step")
		os.Exit(2)
	}
}
