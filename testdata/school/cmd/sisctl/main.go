// Command sisctl is the operator CLI: year-end rollover, one-off job runs
// and gradebook repair.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/k12district/sis/config"
	jobatt "github.com/k12district/sis/jobs/attendance"
	"github.com/k12district/sis/jobs/rollover"
	"github.com/k12district/sis/jobs/runner"
	"github.com/k12district/sis/lib/clock"
	"github.com/k12district/sis/lib/db"
	"github.com/k12district/sis/lib/logging"
	attrepo "github.com/k12district/sis/repositories/attendance"
	graderepo "github.com/k12district/sis/repositories/grades"
	schedrepo "github.com/k12district/sis/repositories/scheduling"
	gradesvc "github.com/k12district/sis/services/grades"
	schedsvc "github.com/k12district/sis/services/scheduling"
	"github.com/k12district/sis/transcripts"
)

func usage() {
	fmt.Fprintln(os.Stderr, `usage: sisctl <command> [flags]
  rollover -year 2026 [-carry-meals]   run year-end promotion
  truancy                              run the truancy job now
  recompute -section ID -term T        rebuild term grades for a section
  gpa -student ID                      print a student's GPA`)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New("sisctl")
	conn, err := db.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	clk := clock.Real{Loc: cfg.Location()}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)

	switch os.Args[1] {
	case "rollover":
		year := fs.Int("year", cfg.SchoolYear, "school year that is ending")
		carry := fs.Bool("carry-meals", true, "carry positive meal balances")
		_ = fs.Parse(os.Args[2:])
		res, err := (&rollover.Job{DB: conn, Log: logger, EndingYear: *year, CarryMealBalances: *carry}).Execute(ctx)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("promoted=%d graduated=%d retained=%d\n", res.Promoted, res.Graduated, res.Retained)
	case "truancy":
		job := &jobatt.TruancyJob{DB: conn, Store: attrepo.New(conn), Clock: clk, Threshold: cfg.TruancyThreshold, Log: logger}
		if err := runner.New(conn, logger).RunOnce(ctx, job); err != nil {
			log.Fatal(err)
		}
	case "recompute":
		section := fs.Int64("section", 0, "section id")
		term := fs.String("term", "", "term name")
		_ = fs.Parse(os.Args[2:])
		if *section == 0 || *term == "" {
			usage()
		}
		svc := &gradesvc.Service{DB: conn, Store: graderepo.New(conn), Clock: clk, Log: logger,
			Scheduling: &schedsvc.Service{DB: conn, Store: schedrepo.New(conn), Log: logger}}
		if err := svc.Recompute(ctx, *section, *term); err != nil {
			log.Fatal(err)
		}
	case "gpa":
		student := fs.Int64("student", 0, "student id")
		_ = fs.Parse(os.Args[2:])
		entries, err := transcripts.Entries(ctx, conn, *student)
		if err != nil {
			log.Fatal(err)
		}
		g := transcripts.Compute(entries)
		fmt.Printf("unweighted=%.3f weighted=%.3f credits=%.1f/%.1f\n", g.Unweighted, g.Weighted, g.Credits, g.Attempted)
	default:
		usage()
	}
}
