// Command gatehouse-api serves the public, promoter, staff and gate APIs.
// It is the composition root: every context is wired here.
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

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	"gatehouse.events/platform/internal/access"
	"gatehouse.events/platform/internal/access/devicesync"
	acchttp "gatehouse.events/platform/internal/accounts/adapters/http"
	accpg "gatehouse.events/platform/internal/accounts/adapters/postgres"
	accapp "gatehouse.events/platform/internal/accounts/app"
	cathttp "gatehouse.events/platform/internal/catalog/adapters/http"
	catpg "gatehouse.events/platform/internal/catalog/adapters/postgres"
	catapp "gatehouse.events/platform/internal/catalog/app"
	"gatehouse.events/platform/internal/catalog/ports"
	"gatehouse.events/platform/internal/catalog/search"
	"gatehouse.events/platform/internal/fraud"
	invhttp "gatehouse.events/platform/internal/inventory/adapters/http"
	invpg "gatehouse.events/platform/internal/inventory/adapters/postgres"
	invapp "gatehouse.events/platform/internal/inventory/app"
	"gatehouse.events/platform/internal/legacy/boxoffice"
	"gatehouse.events/platform/internal/marketing"
	"gatehouse.events/platform/internal/marketing/mailer"
	"gatehouse.events/platform/internal/orders/adapters/gateways"
	ordhttp "gatehouse.events/platform/internal/orders/adapters/http"
	ordpg "gatehouse.events/platform/internal/orders/adapters/postgres"
	ordapp "gatehouse.events/platform/internal/orders/app"
	"gatehouse.events/platform/internal/orders/pricing"
	payhttp "gatehouse.events/platform/internal/payments/adapters/http"
	paypg "gatehouse.events/platform/internal/payments/adapters/postgres"
	"gatehouse.events/platform/internal/payments/adapters/psp"
	payapp "gatehouse.events/platform/internal/payments/app"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/config"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/httpx"
	"gatehouse.events/platform/internal/platform/logging"
	"gatehouse.events/platform/internal/promoters"
	tkthttp "gatehouse.events/platform/internal/ticketing/adapters/http"
	tktpg "gatehouse.events/platform/internal/ticketing/adapters/postgres"
	tktapp "gatehouse.events/platform/internal/ticketing/app"
	"gatehouse.events/platform/internal/ticketing/barcode"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New("gatehouse-api", cfg.LogLevel, cfg.LogJSON)
	if err := run(cfg, log); err != nil {
		log.Error("fatal", "err", err)
		os.Exit(1)
	}
}

func run(cfg config.Config, log *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	sqlDB, err := db.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	sqlxDB := sqlx.NewDb(sqlDB, "postgres")
	pool, err := pgxpool.New(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer pool.Close()

	clk := clock.System{}
	signer := auth.NewSigner(cfg.JWTSecret, clk)
	bus := events.NewBus(log)
	defer bus.Drain()
	mail := mailer.New(cfg.SMTPAddr, cfg.NewsletterFrom, log)
	codec := barcode.NewCodec(cfg.BarcodeKey)
	calc := pricing.New(pricing.DefaultRules())

	// Inventory
	seatStore := invpg.NewSeatStore(sqlxDB)
	holds := invapp.NewHoldService(seatStore, seatStore, invpg.NewHoldStore(sqlxDB), seatStore, clk, cfg.HoldTTL, log)

	// Catalog
	venueStore := catpg.NewVenueStore(sqlDB)
	eventSvc := catapp.NewEventService(catpg.NewEventStore(sqlDB), venueStore, seatStore, bus, clk, log)
	venueSvc := catapp.NewVenueService(venueStore)
	index := search.New()
	index.Subscribe(bus)
	warmIndex(ctx, eventSvc, index, log)

	// Accounts
	fanStore := accpg.NewFanStore(sqlDB)
	accounts := accapp.NewService(fanStore, signer, mail, bus, clk, log, cfg.PublicBaseURL)

	// Orders, payments, fraud
	orderStore := ordpg.NewOrderStore(sqlDB)
	pspClient := psp.New(cfg.PSPBaseURL, cfg.PSPAPIKey, cfg.PSPWebhookKey)
	payments := payapp.NewPaymentService(paypg.NewStore(pool), pspClient, orderStore, bus, clk, log)
	scorer := fraud.NewScorer(sqlDB, cfg.FraudThreshold, clk, log)
	checkout := ordapp.NewCheckoutService(ordapp.Deps{
		Orders:    orderStore,
		Inventory: gateways.Inventory{Holds: holds},
		Catalog:   gateways.Catalog{Events: eventSvc},
		Payments:  gateways.Payments{Service: payments},
		Risk:      gateways.Risk{Scorer: scorer},
		Pricing:   calc,
		Publisher: bus,
		Clock:     clk,
		Log:       log,
	})

	// Ticketing and gate
	ticketStore := tktpg.NewTicketStore(sqlDB)
	tickets := tktapp.NewService(tktapp.Deps{
		Tickets: ticketStore, OrderLines: orderStore, Seats: holds, Events: eventSvc, Fans: accounts,
		Mail: mail, Codec: codec, Publisher: bus, Clock: clk, Log: log,
	})
	scans := access.NewScanService(sqlDB, ticketStore, codec, bus, clk, log)
	manifests := devicesync.NewBuilder(sqlDB, clk)

	// Promoters, marketing, box office
	promoterSvc := promoters.NewService(sqlDB, clk)
	mkt := marketing.NewService(sqlDB, mail, clk, log, cfg.JWTSecret, cfg.PublicBaseURL)
	desk := boxoffice.NewDesk(sqlDB, calc, codec, clk, log)

	// Event subscriptions
	checkout.Subscribe(bus)
	payments.Subscribe(bus)
	tickets.Subscribe(bus)
	scorer.Subscribe(bus)
	mkt.RegisterSubscribers(bus)

	mux := httpx.Mount(
		cathttp.NewHandler(eventSvc, venueSvc, index, signer),
		invhttp.NewHandler(holds, signer),
		ordhttp.NewHandler(checkout, fanStore, signer),
		payhttp.NewHandler(payments, pspClient, signer, clk),
		tkthttp.NewHandler(tickets, signer),
		access.NewHandler(scans, signer),
		devicesync.NewHandler(manifests, scans, signer),
		acchttp.NewHandler(accounts, signer),
		promoters.NewHandler(promoterSvc, signer),
		marketing.NewHandler(mkt, signer),
		boxoffice.NewHandler(desk, signer),
	)
	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Middleware(log, mux),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	errc := make(chan error, 1)
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr, "env", cfg.Env)
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

func warmIndex(ctx context.Context, evs *catapp.EventService, ix *search.Index, log *slog.Logger) {
	list, err := evs.ListOnSale(ctx, ports.OnSaleFilter{Limit: 100})
	if err != nil {
		log.Warn("search index warm-up failed", "err", err)
		return
	}
	for _, e := range list {
		ix.Put(e)
	}
	log.Info("search index warmed", "events", len(list))
}
