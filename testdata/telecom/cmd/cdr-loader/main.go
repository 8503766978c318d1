// Command cdr-loader loads and rates CDR files once, for backfills and
// re-processing after a mediation outage.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	catalogstore "mvno.telco/core/catalog/store"
	"mvno.telco/core/platform/config"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/logging"
	"mvno.telco/core/provisioning"
	"mvno.telco/core/provisioning/hlr"
	"mvno.telco/core/rating/balances"
	"mvno.telco/core/rating/cdr"
	"mvno.telco/core/rating/ingest"
	"mvno.telco/core/rating/rater"
	ratingstore "mvno.telco/core/rating/store"
)

func main() {
	dir := flag.String("dir", "", "directory with *.cdr files (default: configured inbox)")
	noRate := flag.Bool("no-rate", false, "load only, leave rating to the worker")
	homeMCC := flag.String("home-mcc", "234", "mobile country code of the host network")
	flag.Parse()

	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New("cdr-loader", cfg.LogLevel)
	pool, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	inbox := cfg.CDRInbox
	if *dir != "" {
		inbox = *dir
	}
	bus := events.NewBus(pool, logger)
	st := ratingstore.New(pool)
	loader := ingest.New(st, cdr.Parser{HomeMCC: *homeMCC, CountryCode: cfg.CountryCode}, bus, inbox, cfg.CDRArchive, logger)

	ctx := context.Background()
	res, err := loader.LoadInbox(ctx)
	if err != nil {
		logger.Error("load failed", "err", err)
		os.Exit(1)
	}
	logger.Info("loaded", "files", res.Files, "records", res.Records, "rejected", res.Rejected, "duplicates", res.Duplicates)
	if *noRate {
		return
	}
	prov := provisioning.New(pool, hlr.New(cfg.HLRURL, cfg.HTTPTimeout), logger)
	engine := rater.New(st, catalogstore.New(pool), balances.New(st, cfg.Currency), prov, bus, cfg.Currency, logger)
	for i := 0; i < res.Records/5000+1; i++ {
		if err := engine.RateBatch(ctx); err != nil {
			logger.Error("rating failed", "err", err)
			os.Exit(1)
		}
	}
}
