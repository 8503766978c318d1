// Command payoutctl runs the weekly driver payout batch (invoked by cron on Mondays).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	driverrepo "github.com/zipcab/backend/app/driver/repository"
	driverservice "github.com/zipcab/backend/app/driver/service"
	paymentrepo "github.com/zipcab/backend/app/payment/repository"
	"github.com/zipcab/backend/clients/paygateway"
	"github.com/zipcab/backend/modules/driverlocation"
	"github.com/zipcab/backend/modules/payouts"
	"github.com/zipcab/backend/pkg/config"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/log"
)

func main() {
	periodEnd := flag.String("period-end", "", "pay earnings before this date (YYYY-MM-DD, default: last Monday 00:00 UTC)")
	flag.Parse()

	cfg, err := config.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	log.Init("zipcab-payoutctl", cfg.LogLevel)
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	bus := events.NewBus(conn)
	drivers := driverservice.New(driverrepo.New(conn), driverlocation.NewStore(conn), bus)
	svc := payouts.New(sqlx.NewDb(conn, "postgres"), paymentrepo.New(conn), drivers,
		paygateway.New(cfg.PaymentGatewayURL, cfg.PaymentGatewayKey), bus)

	end := lastMonday(time.Now().UTC())
	if *periodEnd != "" {
		if end, err = time.Parse("2006-01-02", *periodEnd); err != nil {
			fmt.Fprintln(os.Stderr, "bad -period-end:", err)
			os.Exit(2)
		}
	}
	res, err := svc.Run(context.Background(), end, cfg.PayoutCurrency)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("period end %s: %d drivers, %d sent, %d failed, %d below minimum, total %s\n",
		end.Format("2006-01-02"), res.Drivers, res.Sent, res.Failed, res.Skipped, res.Total)
	if res.Failed > 0 {
		os.Exit(3)
	}
}

func lastMonday(t time.Time) time.Time {
	d := t.Truncate(24 * time.Hour)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}
