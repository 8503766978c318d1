// Command platform-api serves the HTTP API used by the customer app, the
// website and the agent desktop.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"gridline.energy/platform/core/accounts"
	acchttp "gridline.energy/platform/core/accounts/handlers"
	"gridline.energy/platform/core/accounts/priority"
	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/billing"
	"gridline.energy/platform/core/billing/adjust"
	billhttp "gridline.energy/platform/core/billing/handlers"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/core/billing/runs"
	"gridline.energy/platform/core/config"
	"gridline.energy/platform/core/db"
	"gridline.energy/platform/core/notify"
	"gridline.energy/platform/core/support"
	supporthttp "gridline.energy/platform/core/support/handlers"
	"gridline.energy/platform/kit/events"
	"gridline.energy/platform/kit/httpx"
	"gridline.energy/platform/kit/logx"
	"gridline.energy/platform/kit/money"
	colapi "gridline.energy/platform/services/collections/api"
	"gridline.energy/platform/services/collections/plans"
	colstore "gridline.energy/platform/services/collections/store"
	fieldapi "gridline.energy/platform/services/fieldops/api"
	"gridline.energy/platform/services/fieldops/outages"
	fieldstore "gridline.energy/platform/services/fieldops/store"
	"gridline.energy/platform/services/fieldops/workorders"
	meterapi "gridline.energy/platform/services/metering/api"
	"gridline.energy/platform/services/metering/estimation"
	"gridline.energy/platform/services/metering/meters"
	meterstore "gridline.energy/platform/services/metering/store"
	"gridline.energy/platform/services/metering/validation"
	payapi "gridline.energy/platform/services/payments/api"
	"gridline.energy/platform/services/payments/directdebit"
	"gridline.energy/platform/services/payments/reconcile"
	paystore "gridline.energy/platform/services/payments/store"
	priceapi "gridline.energy/platform/services/pricing/api"
	pricing "gridline.energy/platform/services/pricing/service"
	pricestore "gridline.energy/platform/services/pricing/store"
	switchapi "gridline.energy/platform/services/switching/api"
	"gridline.energy/platform/services/switching/flows"
	"gridline.energy/platform/services/switching/hub"
	switchstore "gridline.energy/platform/services/switching/store"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logx.New("platform-api", cfg.LogLevel)
	conn, err := db.Open(cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	bus := events.NewBus(conn, log)
	sender := notify.NewSender(conn, log, cfg.SMTPAddr, cfg.MailFrom, cfg.Env == "dev")

	// accounts
	accStore := accounts.NewStore(conn)
	accSvc := accounts.NewService(conn, accStore, bus, sender)
	siteSvc := sites.NewService(sites.NewStore(conn))
	psr := priority.NewRegister(conn)

	// pricing
	priceSvc := pricing.New(pricestore.New(conn))

	// metering
	mStore := meterstore.New(conn)
	registry := meters.New(mStore, bus)
	validator := validation.New(mStore)
	estimator := estimation.New(mStore, siteSvc, log)

	// billing
	invoices := invoice.NewStore(conn, bus, cfg.InvoicePrefix, cfg.PaymentTermDays)
	calc := billing.NewCalculator(conn, priceSvc, siteSvc, cfg.VATRateBps)
	adj := adjust.New(conn, invoices, siteSvc)
	runner := runs.New(conn, calc, invoices, adj, accSvc, log)

	// payments
	pStore := paystore.New(conn)
	rec := reconcile.New(conn, pStore, bus, log)
	dd := directdebit.New(pStore, rec, accSvc, bus, sender, log, cfg.DDLeadDays, cfg.ServiceUserNum)

	// collections
	cStore := colstore.New(conn)
	planSvc := plans.New(cStore, pStore, accSvc, bus, sender, log)

	// field operations
	fStore := fieldstore.New(conn)
	outageSvc := outages.New(conn, fStore, sender, bus, log)
	orderSvc := workorders.New(fStore, registry, siteSvc, psr)

	// switching
	flowSvc := flows.New(conn, switchstore.New(conn), hub.New(cfg.HubURL, cfg.HubMPID), siteSvc, accStore,
		estimator, priceSvc, bus, log, money.Pence(cfg.DebtBlockPence))

	// support
	supportSvc := support.New(conn, psr)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		return map[string]string{"status": "ok"}, conn.PingContext(r.Context())
	}))
	acchttp.New(accSvc, siteSvc, psr, invoices).Register(mux)
	priceapi.New(priceSvc, siteSvc).Register(mux)
	meterapi.New(mStore, registry, validator, siteSvc, bus).Register(mux)
	billhttp.New(invoices, adj, runner, accSvc).Register(mux)
	payapi.New(pStore, dd, rec, accSvc).Register(mux)
	colapi.New(cStore, planSvc).Register(mux)
	fieldapi.New(outageSvc, orderSvc).Register(mux)
	switchapi.New(flowSvc).Register(mux)
	supporthttp.New(supportSvc, accSvc, pStore).Register(mux)

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Chain(mux, log, cfg.APIKeys),
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      60 * time.Second,
	}
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("server", "err", err)
			os.Exit(1)
		}
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	log.Info("stopped")
}
