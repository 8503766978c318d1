// Command fleetctl is the operator's tool: migrations, bulk imports,
// one-off jobs and reports.
//
//	fleetctl migrate
//	fleetctl vehicles-import vehicles.csv
//	fleetctl bind-device <imei> <plate>
//	fleetctl fuel-index <yyyy-mm-dd> <ct/l>
//	fleetctl invoice-run
//	fleetctl report-costs <yyyy-mm>
package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"gitlab.com/roadrunner/fleet/db/migrate"
	"gitlab.com/roadrunner/fleet/entities"
	"gitlab.com/roadrunner/fleet/jobs/invoicerun"
	"gitlab.com/roadrunner/fleet/lib/clock"
	"gitlab.com/roadrunner/fleet/lib/conf"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/money"
	"gitlab.com/roadrunner/fleet/lib/xlog"
	"gitlab.com/roadrunner/fleet/services/billing/contracts"
	"gitlab.com/roadrunner/fleet/services/billing/invoicing"
	"gitlab.com/roadrunner/fleet/services/billing/pricing"
	"gitlab.com/roadrunner/fleet/services/customers/account"
	"gitlab.com/roadrunner/fleet/services/customers/notify"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle"
	"gitlab.com/roadrunner/fleet/services/fleet/vehicle/pgstore"
	"gitlab.com/roadrunner/fleet/services/fuel/fuelindex"
	"gitlab.com/roadrunner/fleet/services/telematics/positions"
)

var commands = map[string]func(ctx context.Context, db *sql.DB, args []string) error{
	"migrate": func(ctx context.Context, db *sql.DB, _ []string) error {
		n, err := migrate.Up(ctx, db, xlog.From(ctx))
		fmt.Printf("%d migrations applied\n", n)
		return err
	},
	"vehicles-import": importVehicles,
	"bind-device": func(ctx context.Context, db *sql.DB, args []string) error {
		v, err := vehicle.NewService(pgstore.New(db), clock.System).ByPlate(ctx, arg(args, 1))
		if err != nil {
			return err
		}
		return positions.NewStore(db).Bind(ctx, arg(args, 0), v.ID, time.Now())
	},
	"fuel-index": func(ctx context.Context, db *sql.DB, args []string) error {
		week, err := time.ParseInLocation(time.DateOnly, arg(args, 0), clock.Local)
		if err != nil {
			return err
		}
		ct, err := strconv.ParseFloat(arg(args, 1), 64)
		if err != nil {
			return err
		}
		return fuelindex.New(db, clock.System).Publish(ctx, week, ct)
	},
	"invoice-run": func(ctx context.Context, db *sql.DB, _ []string) error {
		clk := clock.System
		accounts, ctrs := account.New(db, clk), contracts.New(db, clk)
		return (&invoicerun.Job{
			Contracts: ctrs, Clock: clk, Force: true,
			Invoices: invoicing.New(db, pricing.NewPricer(ctrs, fuelindex.New(db, clk)), ctrs, accounts, clk),
			Outbox:   notify.NewOutbox(db, accounts, nil, clk),
		}).Run(ctx)
	},
	"report-costs": reportCosts,
}

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

func main() {
	cmd, ok := commands[arg(os.Args, 1)]
	if !ok {
		fmt.Fprintln(os.Stderr, "usage: fleetctl migrate|vehicles-import|bind-device|fuel-index|invoice-run|report-costs [args]")
		os.Exit(2)
	}
	cfg, err := conf.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	xlog.Setup(xlog.Options{Level: cfg.LogLevel, Service: "fleetctl"})
	db, err := dbx.Open("pgx", cfg.DatabaseURL, 2)
	if err == nil {
		err = cmd(context.Background(), db, os.Args[2:])
		db.Close()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "fleetctl %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// importVehicles reads vin,plate,make,year,class,tank_litres,depot,odometer.
func importVehicles(ctx context.Context, db *sql.DB, args []string) error {
	f, err := os.Open(arg(args, 0))
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	svc := vehicle.NewService(pgstore.New(db), clock.System)
	for i, r := range recs[min(1, len(recs)):] {
		year, _ := strconv.Atoi(r[3])
		tank, _ := strconv.ParseFloat(r[5], 64)
		odo, _ := strconv.ParseFloat(r[7], 64)
		cls, _ := entities.ParseClass(r[4])
		_, err := svc.Register(ctx, vehicle.Vehicle{VIN: r[0], Plate: r[1], Make: r[2], Year: year, Class: cls,
			TankLitres: tank, DepotID: r[6], OdometerKm: odo})
		if err != nil {
			fmt.Fprintf(os.Stderr, "line %d (%s): %v\n", i+2, r[1], err)
		}
	}
	return nil
}

// reportCosts: fuel and maintenance cost per vehicle and km for a month.
// This is the query finance asked for; it reads across several modules'
// tables on purpose (runs against the reporting replica).
func reportCosts(ctx context.Context, db *sql.DB, args []string) error {
	m, err := time.ParseInLocation("2006-01", arg(args, 0), clock.Local)
	if err != nil {
		return err
	}
	p := clock.Month(m, clock.Local)
	rows, err := db.QueryContext(ctx, `
		SELECT v.plate,
		       COALESCE((SELECT SUM(f.amount_cents) FROM fuel_transactions f
		                 WHERE f.vehicle_id = v.id AND f.at >= $1 AND f.at < $2), 0),
		       COALESCE((SELECT SUM(w.cost_cents) FROM work_orders w
		                 WHERE w.vehicle_id = v.id AND w.closed_at >= $1 AND w.closed_at < $2), 0),
		       COALESCE((SELECT SUM(t.actual_km) FROM trips t
		                 WHERE t.vehicle_id = v.id AND t.completed_at >= $1 AND t.completed_at < $2), 0)
		FROM vehicles v WHERE v.status <> 'retired' ORDER BY v.plate`, p.From, p.To)
	if err != nil {
		return err
	}
	defer rows.Close()
	fmt.Printf("%-10s %14s %14s %8s %6s\n", "PLATE", "FUEL", "MAINTENANCE", "KM", "CT/KM")
	for rows.Next() {
		var (
			plate       string
			fuel, maint int64
			km          float64
		)
		if err := rows.Scan(&plate, &fuel, &maint, &km); err != nil {
			return err
		}
		fmt.Printf("%-10s %14s %14s %8.0f %6.1f\n", plate, money.New(fuel, "EUR"), money.New(maint, "EUR"), km,
			float64(fuel+maint)/max(km, 1))
	}
	return rows.Err()
}
