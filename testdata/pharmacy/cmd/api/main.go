// Command api serves the RxNow REST API.
package main

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	catalogapp "rxnow.health/backend/application/catalog"
	consultationsapp "rxnow.health/backend/application/consultations"
	customersapp "rxnow.health/backend/application/customers"
	insuranceapp "rxnow.health/backend/application/insurance"
	inventoryapp "rxnow.health/backend/application/inventory"
	ordersapp "rxnow.health/backend/application/orders"
	"rxnow.health/backend/application/orders/fulfilment"
	paymentsapp "rxnow.health/backend/application/payments"
	rxapp "rxnow.health/backend/application/prescriptions"
	remindersapp "rxnow.health/backend/application/reminders"
	shippingapp "rxnow.health/backend/application/shipping"
	"rxnow.health/backend/infrastructure/carrier"
	"rxnow.health/backend/infrastructure/messaging"
	"rxnow.health/backend/infrastructure/npiregistry"
	"rxnow.health/backend/infrastructure/paygateway"
	"rxnow.health/backend/infrastructure/pbm"
	"rxnow.health/backend/infrastructure/postgres"
	pgcatalog "rxnow.health/backend/infrastructure/postgres/catalog"
	pgconsultations "rxnow.health/backend/infrastructure/postgres/consultations"
	pgcustomers "rxnow.health/backend/infrastructure/postgres/customers"
	pginsurance "rxnow.health/backend/infrastructure/postgres/insurance"
	pginventory "rxnow.health/backend/infrastructure/postgres/inventory"
	pgorders "rxnow.health/backend/infrastructure/postgres/orders"
	pgpayments "rxnow.health/backend/infrastructure/postgres/payments"
	pgrx "rxnow.health/backend/infrastructure/postgres/prescriptions"
	pgreminders "rxnow.health/backend/infrastructure/postgres/reminders"
	pgshipping "rxnow.health/backend/infrastructure/postgres/shipping"
	restcatalog "rxnow.health/backend/interfaces/rest/catalog"
	restconsultations "rxnow.health/backend/interfaces/rest/consultations"
	restcustomers "rxnow.health/backend/interfaces/rest/customers"
	restinsurance "rxnow.health/backend/interfaces/rest/insurance"
	restinventory "rxnow.health/backend/interfaces/rest/inventory"
	restorders "rxnow.health/backend/interfaces/rest/orders"
	restpayments "rxnow.health/backend/interfaces/rest/payments"
	restrx "rxnow.health/backend/interfaces/rest/prescriptions"
	restshipping "rxnow.health/backend/interfaces/rest/shipping"
	"rxnow.health/backend/kernel/config"
	"rxnow.health/backend/kernel/events"
	"rxnow.health/backend/kernel/httpx"
	"rxnow.health/backend/kernel/logging"
)

type registrar interface{ Register(mux *http.ServeMux) }

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.Env, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	db, err := postgres.Open(ctx, cfg)
	if err != nil {
		log.Error("database", "err", err)
		os.Exit(1)
	}
	defer db.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"db": err.Error()})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	for _, h := range wire(cfg, db, log) {
		h.Register(mux)
	}
	handler := httpx.Chain(mux, httpx.RequestLogger(log), httpx.Recover(), httpx.Authenticate())

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("server", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	_ = srv.Shutdown(sctx)
}

func wire(cfg config.Config, db *sql.DB, log *slog.Logger) []registrar {
	bus := events.NewBus(log)
	sender := newSender(cfg, log)

	customerStore := pgcustomers.NewStore(db)
	catalogStore := pgcatalog.NewStore(db)
	rxStore := pgrx.NewStore(db)
	stockStore := pginventory.NewStore(db)
	orderStore := pgorders.NewStore(db)

	customers := customersapp.NewService(customerStore, bus)
	catalog := catalogapp.NewService(catalogStore)
	verifier := rxapp.NewVerifier(rxStore, npiregistry.New(cfg.NPIRegistryURL), log)
	rx := rxapp.NewService(rxStore, catalog, customerStore, verifier, bus)
	inventory := inventoryapp.NewService(stockStore, bus, log, cfg.ReservationTTL)
	insurance := insuranceapp.NewService(pginsurance.NewStore(db), catalogStore, pbm.New(cfg.PBMBaseURL, cfg.PBMProcessorID), log)
	payments := paymentsapp.NewService(pgpayments.NewStore(db), paygateway.New(cfg.PayGatewayURL, cfg.PayGatewayKey), bus, cfg.PayWebhookKey)
	shipping := shippingapp.NewService(pgshipping.NewStore(db), carrier.New(cfg.CarrierURL, cfg.CarrierAPIKey), bus)
	orders := ordersapp.NewService(ordersapp.Deps{
		Store: orderStore, Catalog: catalog, Customers: customers, Prescriptions: rx, Insurance: insurance, Payments: payments,
		Stock: stockStore, Bus: bus, Log: log, ReservationTTL: cfg.ReservationTTL,
		Shipping: ordersapp.DefaultShippingPolicy(cfg.FreeShippingCents, cfg.StandardShippingCost),
	})
	fulfil := fulfilment.New(orders, orderStore, rx, inventory, shipping, payments, customers, bus)
	consults := consultationsapp.NewService(pgconsultations.NewStore(db), customers, rx, sender)
	reminders := remindersapp.NewService(pgreminders.NewStore(db), sender, log, cfg.ReminderLeadDays)

	orders.Subscribe(bus)
	consults.Subscribe(bus)
	reminders.Subscribe(bus)
	subscribeNotifications(bus, customers, sender, log)

	return []registrar{
		restcustomers.NewHandler(customers),
		restcatalog.NewHandler(catalog),
		restrx.NewHandler(rx, verifier),
		restinventory.NewHandler(inventory),
		restinsurance.NewHandler(insurance),
		restpayments.NewHandler(payments),
		restshipping.NewHandler(shipping, cfg.CarrierAPIKey),
		restorders.NewHandler(orders, fulfil),
		restconsultations.NewHandler(consults, customerStore),
	}
}

func newSender(cfg config.Config, log *slog.Logger) messaging.Sender {
	if !cfg.IsProduction() {
		return messaging.LogSender{Log: log}
	}
	return messaging.Router{
		Email: messaging.SMTPSender{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom},
		SMS:   messaging.SMSSender{URL: cfg.SMSGatewayURL},
	}
}
