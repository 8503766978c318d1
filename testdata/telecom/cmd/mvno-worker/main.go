// Command mvno-worker runs the scheduled background jobs.
package main

import (
	"context"
	"log"
	"os/signal"
	"syscall"
	"time"

	"mvno.telco/core/billing"
	"mvno.telco/core/billing/cycle"
	"mvno.telco/core/billing/dunning"
	billingstore "mvno.telco/core/billing/store"
	"mvno.telco/core/care"
	carestore "mvno.telco/core/care/store"
	"mvno.telco/core/catalog"
	catalogstore "mvno.telco/core/catalog/store"
	"mvno.telco/core/numbers"
	"mvno.telco/core/payments"
	"mvno.telco/core/payments/gateway"
	paymentsstore "mvno.telco/core/payments/store"
	"mvno.telco/core/platform/config"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/logging"
	"mvno.telco/core/platform/notify"
	"mvno.telco/core/platform/scheduler"
	"mvno.telco/core/provisioning"
	"mvno.telco/core/provisioning/hlr"
	"mvno.telco/core/rating"
	"mvno.telco/core/rating/balances"
	"mvno.telco/core/rating/cdr"
	"mvno.telco/core/rating/ingest"
	"mvno.telco/core/rating/rater"
	ratingstore "mvno.telco/core/rating/store"
	"mvno.telco/core/shop"
	shopstore "mvno.telco/core/shop/store"
	"mvno.telco/core/sims"
	"mvno.telco/core/sims/esim"
	simstore "mvno.telco/core/sims/store"
	"mvno.telco/core/subscribers"
	"mvno.telco/core/subscribers/kyc"
	"mvno.telco/core/subscribers/lifecycle"
	subsstore "mvno.telco/core/subscribers/store"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New("mvno-worker", cfg.LogLevel)
	pool, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	bus := events.NewBus(pool, logger)
	sms := notify.NewSMSGateway(cfg.SMSGatewayURL, cfg.HTTPTimeout)

	catStore := catalogstore.New(pool)
	catSvc := catalog.New(catStore)
	prov := provisioning.New(pool, hlr.New(cfg.HLRURL, cfg.HTTPTimeout), logger)
	simSt := simstore.New(pool)
	simSvc := sims.New(simSt, esim.New(cfg.SMDPURL, cfg.HTTPTimeout), prov, bus, logger)
	nums := numbers.NewPool(pool)
	subSt := subsstore.New(pool)
	subSvc := subscribers.New(subSt, kyc.NewChecker(cfg.KYCVendorURL, cfg.KYCVendorKey, cfg.HTTPTimeout),
		catSvc, simSvc, nums, prov, bus, logger)
	lc := lifecycle.New(subSvc, subSt, pool, logger)

	rateSt := ratingstore.New(pool)
	bal := balances.New(rateSt, cfg.Currency)
	rateSvc := rating.New(rateSt, bal, catSvc, logger)
	loader := ingest.New(rateSt, cdr.Parser{HomeMCC: "234", CountryCode: cfg.CountryCode}, bus, cfg.CDRInbox, cfg.CDRArchive, logger)
	engine := rater.New(rateSt, catStore, bal, prov, bus, cfg.Currency, logger)

	billSt := billingstore.New(pool)
	billSvc := billing.New(billSt, cfg.Currency)
	billRun := cycle.New(billSt, rateSt, subSvc, catSvc, bus, sms, cfg.TaxRegion, cfg.Currency, cfg.PaymentTermDays, logger)
	dun := dunning.New(billSt, pool, subSvc, sms, bus, cfg.DunningGraceDays, logger)

	paySvc := payments.New(paymentsstore.New(pool), gateway.New(cfg.PaymentGatewayURL, cfg.PaymentGatewayKey, cfg.HTTPTimeout),
		billSvc, bus, logger)
	shopSvc := shop.New(shopstore.New(pool), paySvc, subSvc, simSt, bus, sms, cfg.LogisticsURL, cfg.TaxRegion, cfg.Currency, logger)
	careSvc := care.New(carestore.New(pool), subSvc, catSvc, rateSvc, sms, cfg.Currency, logger)

	rateSvc.Subscribe(bus)
	bus.Subscribe(events.InvoiceIssued, paySvc.OnInvoiceIssued)
	bus.Subscribe(events.PortCompleted, lc.OnPortCompleted)

	s := scheduler.New(logger)
	s.Add(scheduler.Job{Name: "cdr-ingest", Every: time.Minute, Run: func(ctx context.Context) error {
		_, err := loader.LoadInbox(ctx)
		return err
	}})
	s.Add(scheduler.Job{Name: "rating", Every: 30 * time.Second, Run: engine.RateBatch})
	s.Add(scheduler.Job{Name: "bill-run", Every: 24 * time.Hour, Run: func(ctx context.Context) error {
		_, err := billRun.Run(ctx, time.Now().UTC())
		return err
	}})
	s.Add(scheduler.Job{Name: "dunning", Every: 24 * time.Hour, Run: dun.Run})
	s.Add(scheduler.Job{Name: "provisioning-retry", Every: 2 * time.Minute, Run: prov.RetryPending})
	s.Add(scheduler.Job{Name: "number-quarantine", Every: 24 * time.Hour, Run: nums.ReleaseQuarantined})
	s.Add(scheduler.Job{Name: "expire-pending", Every: 24 * time.Hour, Run: lc.ExpirePending})
	s.Add(scheduler.Job{Name: "terminate-suspended", Every: 24 * time.Hour, Run: lc.TerminateLongSuspended})
	s.Add(scheduler.Job{Name: "shop-fulfilment", Every: 10 * time.Minute, Run: shopSvc.FulfilPaid})
	s.Add(scheduler.Job{Name: "care-sla", Every: 15 * time.Minute, Run: careSvc.EscalateBreached})

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	logger.Info("worker started")
	s.Run(ctx)
	logger.Info("worker stopped")
}
