// Command worker runs the shop's background jobs.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	_ "github.com/lib/pq"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	catalogsearch "example.com/shop/internal/catalog/search"
	catalog "example.com/shop/internal/catalog/service"
	catalogstore "example.com/shop/internal/catalog/store"
	"example.com/shop/internal/customers/accounts"
	"example.com/shop/internal/customers/addresses"
	"example.com/shop/internal/customers/gormstore"
	"example.com/shop/internal/fulfilment"
	"example.com/shop/internal/inventory/jobs"
	"example.com/shop/internal/inventory/reservations"
	inventory "example.com/shop/internal/inventory/service"
	"example.com/shop/internal/inventory/stock"
	"example.com/shop/internal/inventory/warehouses"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/cart"
	orderstore "example.com/shop/internal/orders/postgres"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/gateway"
	"example.com/shop/internal/payments/ledger"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/config"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
	"example.com/shop/internal/shipping/carriers"
	"example.com/shop/internal/shipping/rates"
	shippingstore "example.com/shop/internal/shipping/store"
	"example.com/shop/internal/shipping/tracking"
)

// job is a task run periodically.
type job struct {
	name  string
	every time.Duration
	run   func(ctx context.Context) error
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	level, err := log.ParseLevel(cfg.LogLevel)
	if err != nil {
		return err
	}
	logger := log.New(os.Stderr, level).With(log.F("service", "worker"))
	conn, err := db.Open("postgres", cfg.DatabaseURL, db.Options{MaxOpen: 5, MaxIdle: 2, ConnMaxLifetime: cfg.DB.ConnMaxLifetime})
	if err != nil {
		return err
	}
	defer conn.Close()
	orm, err := gorm.Open(postgres.New(postgres.Config{Conn: conn}), &gorm.Config{})
	if err != nil {
		return err
	}
	cur, err := money.ParseCurrency(cfg.Currency)
	if err != nil {
		return err
	}

	bus := eventbus.New(logger.Named("bus"))
	clk := clock.System{}
	gen := ids.Random{}

	catalogSvc := catalog.New(catalogstore.New(orm), catalogsearch.NewIndex(), bus, clk, gen, logger)
	custStore := gormstore.New(orm)
	accountSvc := accounts.NewService(custStore, addresses.NewService(custStore, clk, gen), bus, clk, gen, logger)
	inventorySvc := inventory.New(conn, stock.NewStore(conn), reservations.NewStore(conn), warehouses.NewStore(conn),
		bus, clk, gen, logger, cfg.Worker.ReservationTTL)
	gw, err := gateway.New(cfg.Payments.Provider, cfg.Payments.BaseURL, cfg.Payments.APIKey)
	if err != nil {
		return err
	}
	paymentSvc := payments.NewService(conn, gw, ledger.New(conn), bus, clk, gen, logger)
	orderSvc := orders.NewService(conn, orderstore.New(conn), bus, clk, logger)
	cartSvc := cart.NewService(cart.NewStore(conn), catalogSvc, clk, gen, logger)
	registry := carriers.NewRegistry(cfg.Shipping.DefaultCarrier, &carriers.Manual{})
	if cfg.Shipping.ExpressURL != "" {
		registry.Add(carriers.NewExpress(cfg.Shipping.ExpressURL, cfg.Shipping.ExpressAccount))
	}
	shipStore := shippingstore.New(conn)
	fulfilSvc := fulfilment.New(fulfilment.Deps{
		Store: shipStore, Carriers: registry,
		Rates:  rates.NewCalculator(cfg.Shipping.OriginCountry, rates.DefaultTables(cur)...),
		Orders: orderSvc, Catalog: catalogSvc, Inventory: inventorySvc,
		Clock: clk, IDs: gen, Log: logger, MaxParcelGrams: cfg.Shipping.MaxParcelGrams,
	})
	poller := tracking.NewPoller(shipStore, registry, orderSvc, clk, logger, cfg.Worker.BatchSize)
	expire := jobs.ExpireReservations{Inventory: inventorySvc, Log: logger}
	report := jobs.ReorderReport{Inventory: inventorySvc, Catalog: catalogSvc, Out: os.Stdout}
	batch := cfg.Worker.BatchSize

	all := []job{
		{name: expire.Name(), every: cfg.Worker.Interval, run: expire.Run},
		{name: poller.Name(), every: 10 * time.Minute, run: poller.Run},
		{name: report.Name(), every: 24 * time.Hour, run: report.Run},
		{name: "payments.capture", every: 5 * time.Minute, run: func(ctx context.Context) error {
			_, err := paymentSvc.CaptureAuthorized(ctx, cfg.Payments.CaptureAfter, batch)
			return err
		}},
		{name: "shipping.backlog", every: 15 * time.Minute, run: func(ctx context.Context) error {
			_, err := fulfilSvc.FulfilBacklog(ctx, batch)
			return err
		}},
		{name: "orders.purge-abandoned", every: time.Hour, run: func(ctx context.Context) error {
			_, err := orderSvc.PurgeAbandoned(ctx, 7*24*time.Hour)
			return err
		}},
		{name: "carts.purge-stale", every: 6 * time.Hour, run: func(ctx context.Context) error {
			_, err := cartSvc.PurgeStale(ctx, cfg.Worker.CartTTL)
			return err
		}},
		{name: "customers.purge-sessions", every: time.Hour, run: func(ctx context.Context) error {
			_, err := accountSvc.PurgeSessions(ctx)
			return err
		}},
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var wg sync.WaitGroup
	for _, j := range all {
		jl := logger.With(log.F("job", j.name))
		wg.Go(func() {
			jl.Info("job started", log.F("every", j.every))
			clock.Every(ctx, j.every, func(ctx context.Context) error {
				runCtx, cancel := context.WithTimeout(ctx, j.every)
				defer cancel()
				start := time.Now()
				err := j.run(runCtx)
				jl.Debug("job ran", log.F("took", time.Since(start)))
				return err
			}, func(err error) { jl.Error("job failed", log.Err(err)) })
		})
	}
	<-ctx.Done()
	logger.Info("stopping jobs")
	wg.Wait()
	return nil
}
