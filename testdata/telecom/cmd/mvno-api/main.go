// Command mvno-api serves the public and back-office HTTP API.
package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"mvno.telco/core/billing"
	"mvno.telco/core/billing/cycle"
	billinghttp "mvno.telco/core/billing/httpapi"
	billingstore "mvno.telco/core/billing/store"
	"mvno.telco/core/care"
	carehttp "mvno.telco/core/care/httpapi"
	carestore "mvno.telco/core/care/store"
	"mvno.telco/core/catalog"
	cataloghttp "mvno.telco/core/catalog/httpapi"
	catalogstore "mvno.telco/core/catalog/store"
	"mvno.telco/core/numbers"
	"mvno.telco/core/payments"
	"mvno.telco/core/payments/gateway"
	paymentshttp "mvno.telco/core/payments/httpapi"
	paymentsstore "mvno.telco/core/payments/store"
	"mvno.telco/core/payments/topup"
	"mvno.telco/core/platform/config"
	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/platform/httpx"
	"mvno.telco/core/platform/logging"
	"mvno.telco/core/platform/notify"
	"mvno.telco/core/porting"
	"mvno.telco/core/porting/clearinghouse"
	portinghttp "mvno.telco/core/porting/httpapi"
	portingstore "mvno.telco/core/porting/store"
	"mvno.telco/core/provisioning"
	"mvno.telco/core/provisioning/hlr"
	"mvno.telco/core/rating"
	"mvno.telco/core/rating/balances"
	ratingstore "mvno.telco/core/rating/store"
	"mvno.telco/core/shop"
	shophttp "mvno.telco/core/shop/httpapi"
	shopstore "mvno.telco/core/shop/store"
	"mvno.telco/core/sims"
	"mvno.telco/core/sims/esim"
	simshttp "mvno.telco/core/sims/httpapi"
	simstore "mvno.telco/core/sims/store"
	"mvno.telco/core/subscribers"
	subshttp "mvno.telco/core/subscribers/httpapi"
	"mvno.telco/core/subscribers/kyc"
	"mvno.telco/core/subscribers/lifecycle"
	subsstore "mvno.telco/core/subscribers/store"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New("mvno-api", cfg.LogLevel)
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
	rateSvc := rating.New(rateSt, balances.New(rateSt, cfg.Currency), catSvc, logger)

	billSt := billingstore.New(pool)
	billSvc := billing.New(billSt, cfg.Currency)
	billRun := cycle.New(billSt, rateSt, subSvc, catSvc, bus, sms, cfg.TaxRegion, cfg.Currency, cfg.PaymentTermDays, logger)

	paySvc := payments.New(paymentsstore.New(pool), gateway.New(cfg.PaymentGatewayURL, cfg.PaymentGatewayKey, cfg.HTTPTimeout),
		billSvc, bus, logger)
	topSvc := topup.New(paymentsstore.New(pool), paySvc, pool, bus, sms)

	portSvc := porting.New(portingstore.New(pool), clearinghouse.New(cfg.ClearinghouseURL, cfg.ClearinghouseKey, cfg.OperatorID, cfg.HTTPTimeout),
		subSt, nums, simSvc, prov, bus, sms, cfg.CountryCode, logger)
	shopSvc := shop.New(shopstore.New(pool), paySvc, subSvc, simSt, bus, sms, cfg.LogisticsURL, cfg.TaxRegion, cfg.Currency, logger)
	careSvc := care.New(carestore.New(pool), subSvc, catSvc, rateSvc, sms, cfg.Currency, logger)

	// In-process reactions to events raised by API calls.
	rateSvc.Subscribe(bus)
	bus.Subscribe(events.InvoiceIssued, paySvc.OnInvoiceIssued)
	bus.Subscribe(events.PortCompleted, lc.OnPortCompleted)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := pool.PingContext(r.Context()); err != nil {
			http.Error(w, "db down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	})
	cataloghttp.New(catSvc).Register(mux)
	subshttp.New(subSvc, rateSvc, billSt, cfg.Currency).Register(mux)
	simshttp.New(simSvc).Register(mux)
	billinghttp.New(billSvc, billRun).Register(mux)
	paymentshttp.New(paySvc, topSvc, subSvc, cfg.Currency).Register(mux)
	portinghttp.New(portSvc, cfg.ClearinghouseKey).Register(mux)
	shophttp.New(shopSvc).Register(mux)
	carehttp.New(careSvc).Register(mux)

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: httpx.Middleware(logger, mux),
		ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		logger.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
}
