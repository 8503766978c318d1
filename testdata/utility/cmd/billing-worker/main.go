// Command billing-worker runs the nightly bill run and then dunning.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/accounts/priority"
	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/billing"
	"gridline.energy/platform/core/billing/adjust"
	"gridline.energy/platform/core/billing/dunning"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/core/billing/runs"
	"gridline.energy/platform/core/config"
	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/logx"
	colstore "gridline.energy/platform/services/collections/store"
	pricing "gridline.energy/platform/services/pricing/service"
	pricestore "gridline.energy/platform/services/pricing/store"
)

func main() {
	date := flag.String("date", time.Now().Format("2006-01-02"), "run date (YYYY-MM-DD)")
	skipDunning := flag.Bool("skip-dunning", false, "only run billing")
	flag.Parse()

	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logx.New("billing-worker", cfg.LogLevel)
	day, err := time.Parse("2006-01-02", *date)
	if err != nil {
		log.Error("bad -date", "err", err)
		os.Exit(2)
	}
	conn, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()
	ctx := context.Background()

	bus := events.NewBus(conn, log)
	sender := notify.NewSender(conn, log, cfg.SMTPAddr, cfg.MailFrom, cfg.Env == "dev")
	accSvc := accounts.NewService(conn, accounts.NewStore(conn), bus, sender)
	siteSvc := sites.NewService(sites.NewStore(conn))
	invoices := invoice.NewStore(conn, bus, cfg.InvoicePrefix, cfg.PaymentTermDays)
	calc := billing.NewCalculator(conn, pricing.New(pricestore.New(conn)), siteSvc, cfg.VATRateBps)
	adj := adjust.New(conn, invoices, siteSvc)

	summary, err := runs.New(conn, calc, invoices, adj, accSvc, log).Run(ctx, day)
	if err != nil {
		log.Error("bill run", "err", err)
		os.Exit(1)
	}
	log.Info("bill run done", "run", summary.RunID, "due", summary.Due, "billed", summary.Billed,
		"skipped", summary.Skipped, "failed", summary.Failed)

	if *skipDunning {
		return
	}
	dun := dunning.New(invoices, colstore.New(conn), accSvc, priority.NewRegister(conn), sender, log)
	ds, err := dun.Run(ctx, day)
	if err != nil {
		log.Error("dunning", "err", err)
		os.Exit(1)
	}
	log.Info("dunning done", "reminders", ds.Reminders, "final_notices", ds.FinalNotices,
		"cases", ds.CasesOpened, "warrant_reviews", ds.Warrants, "protected", ds.Protected)
}
