// Command opsctl is the operator tool for one-off tasks.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"tablecraft.io/ops/app"
	"tablecraft.io/ops/config"
	"tablecraft.io/ops/logging"
	"tablecraft.io/ops/reports/export"
)

const usage = `usage: opsctl <command> [args]
  import-menu FILE.csv
  rollup YYYY-MM-DD
  tip-pool LOCATION YYYY-MM-DD
  export-sales LOCATION FROM TO
  export-labor LOCATION FROM TO`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	cfg, err := config.Load()
	if err != nil {
		fatal(err)
	}
	a, err := app.New(cfg, logging.New(cfg.Env))
	if err != nil {
		fatal(err)
	}
	defer a.Close()
	if err := run(context.Background(), a, os.Args[1], os.Args[2:]); err != nil {
		fatal(err)
	}
}

func run(ctx context.Context, a *app.App, cmd string, args []string) error {
	need := map[string]int{"import-menu": 1, "rollup": 1, "tip-pool": 2, "export-sales": 3, "export-labor": 3}
	if n, ok := need[cmd]; !ok || len(args) != n {
		return fmt.Errorf("bad command\n%s", usage)
	}
	switch cmd {
	case "import-menu":
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := a.Menu.ImportCSV(ctx, f)
		if err != nil {
			return err
		}
		fmt.Printf("created %d, updated %d, skipped %d\n", res.Created, res.Updated, len(res.Skipped))
		for _, s := range res.Skipped {
			fmt.Println("  ", s)
		}
	case "rollup":
		n, err := a.Reports.Rollup(ctx, date(args[0]))
		if err != nil {
			return err
		}
		fmt.Printf("rolled up %d locations\n", n)
	case "tip-pool":
		allocs, err := a.Tips.Run(ctx, id(args[0]), date(args[1]))
		if err != nil {
			return err
		}
		for _, al := range allocs {
			fmt.Printf("%6d %-10s %5d min %s\n", al.EmployeeID, al.Role, al.Minutes, al.Amount)
		}
	case "export-sales":
		days, err := a.Reports.Range(ctx, id(args[0]), date(args[1]), date(args[2]))
		if err != nil {
			return err
		}
		return export.Sales(os.Stdout, days)
	case "export-labor":
		days, err := a.Labor.Daily(ctx, id(args[0]), date(args[1]), date(args[2]))
		if err != nil {
			return err
		}
		return export.Labor(os.Stdout, days)
	}
	return nil
}

func date(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		fatal(err)
	}
	return t
}

func id(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		fatal(err)
	}
	return n
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "opsctl:", err)
	os.Exit(1)
}
