// Command billing-close drafts the month's client invoices. It is run by
// finance on the first business day of the month, or by cron.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"shipwell.io/wms/legacy/billing"
	shipinfra "shipwell.io/wms/modules/shipping/infra"
	"shipwell.io/wms/pkg/config"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/logging"
)

func main() {
	prev := time.Now().AddDate(0, -1, 0).Format("2006-01")
	period := flag.String("period", prev, "billing month, YYYY-MM")
	storageOnly := flag.Bool("storage", false, "only book today's storage charges")
	flag.Parse()

	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	sqlDB, err := db.Open(cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer sqlDB.Close()
	svc := &billing.Service{DB: sqlDB, Shipments: shipinfra.New(sqlDB), Log: logging.New(cfg.LogLevel)}
	ctx := context.Background()

	if *storageOnly {
		if err := svc.DailyStorage(ctx); err != nil {
			log.Fatal(err)
		}
		return
	}
	start, err := time.Parse("2006-01", *period)
	if err != nil {
		log.Fatalf("bad -period %q: %v", *period, err)
	}
	invs, err := svc.CloseMonth(ctx, start)
	if err != nil {
		log.Fatal(err)
	}
	for _, inv := range invs {
		fmt.Fprintf(os.Stdout, "%s\t%s\t%s\t%d lines\n", inv.Number, inv.ClientID, inv.Total, len(inv.Lines))
	}
}
