package main

import (
	"database/sql"
	"net/http"
	"time"

	"gorm.io/gorm"

	catalogapi "example.com/shop/internal/catalog/api"
	catalogevents "example.com/shop/internal/catalog/events"
	catalogsearch "example.com/shop/internal/catalog/search"
	catalog "example.com/shop/internal/catalog/service"
	catalogstore "example.com/shop/internal/catalog/store"
	"example.com/shop/internal/checkout"
	"example.com/shop/internal/customers/accounts"
	"example.com/shop/internal/customers/addresses"
	"example.com/shop/internal/customers/auth"
	"example.com/shop/internal/customers/gormstore"
	customersweb "example.com/shop/internal/customers/web"
	"example.com/shop/internal/fulfilment"
	"example.com/shop/internal/inventory/reservations"
	inventory "example.com/shop/internal/inventory/service"
	"example.com/shop/internal/inventory/stock"
	"example.com/shop/internal/inventory/warehouses"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/cart"
	ordershttp "example.com/shop/internal/orders/http"
	orderstore "example.com/shop/internal/orders/postgres"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/gateway"
	"example.com/shop/internal/payments/ledger"
	"example.com/shop/internal/payments/refunds"
	"example.com/shop/internal/payments/webhook"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/config"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
	"example.com/shop/internal/shipping/carriers"
	"example.com/shop/internal/shipping/rates"
	shippingstore "example.com/shop/internal/shipping/store"
)

const sessionTTL = 14 * 24 * time.Hour

// app is the wired application.
type app struct {
	mux      *http.ServeMux
	catalog  *catalog.Service
	orders   *orders.Service
	payments *payments.Service
	refunds  *refunds.Service
}

// build wires every context. The order matters only where one context's
// service is handed to another.
func build(cfg config.Config, conn *sql.DB, orm *gorm.DB, bus *eventbus.Bus, clk clock.Clock, gen ids.Generator, logger *log.Logger) (*app, error) {
	cur, err := money.ParseCurrency(cfg.Currency)
	if err != nil {
		return nil, err
	}

	// catalog
	catalogSvc := catalog.New(catalogstore.New(orm), catalogsearch.NewIndex(), bus, clk, gen, logger)

	// customers
	custStore := gormstore.New(orm)
	addrSvc := addresses.NewService(custStore, clk, gen)
	accountSvc := accounts.NewService(custStore, addrSvc, bus, clk, gen, logger)
	authn := auth.NewAuthenticator(custStore, clk, sessionTTL, logger)

	// inventory
	inventorySvc := inventory.New(conn, stock.NewStore(conn), reservations.NewStore(conn), warehouses.NewStore(conn),
		bus, clk, gen, logger, cfg.Worker.ReservationTTL)

	// payments
	gw, err := gateway.New(cfg.Payments.Provider, cfg.Payments.BaseURL, cfg.Payments.APIKey)
	if err != nil {
		return nil, err
	}
	book := ledger.New(conn)
	paymentSvc := payments.NewService(conn, gw, book, bus, clk, gen, logger)

	// orders
	orderStore := orderstore.New(conn)
	orderSvc := orders.NewService(conn, orderStore, bus, clk, logger)
	cartSvc := cart.NewService(cart.NewStore(conn), catalogSvc, clk, gen, logger)
	checkoutSvc := checkout.New(checkout.Deps{
		DB: conn, Carts: cartSvc, Orders: orderSvc, Payments: paymentSvc, Inventory: inventorySvc,
		Accounts: accountSvc, Bus: bus, Clock: clk, IDs: gen, Log: logger, ReservationTTL: cfg.Worker.ReservationTTL,
	})
	refundSvc := refunds.NewService(conn, paymentSvc, orderStore, book, bus, clk, gen, logger)

	// shipping
	registry := carriers.NewRegistry(cfg.Shipping.DefaultCarrier, &carriers.Manual{})
	if cfg.Shipping.ExpressURL != "" {
		registry.Add(carriers.NewExpress(cfg.Shipping.ExpressURL, cfg.Shipping.ExpressAccount))
	}
	fulfilSvc := fulfilment.New(fulfilment.Deps{
		Store: shippingstore.New(conn), Carriers: registry,
		Rates:  rates.NewCalculator(cfg.Shipping.OriginCountry, rates.DefaultTables(cur)...),
		Orders: orderSvc, Catalog: catalogSvc, Inventory: inventorySvc,
		Clock: clk, IDs: gen, Log: logger, MaxParcelGrams: cfg.Shipping.MaxParcelGrams,
	})

	// events between contexts
	bus.Subscribe(catalogevents.ProductCreatedName, inventorySvc.HandleProductCreated)
	bus.Subscribe(orders.OrderPaidName, fulfilSvc.HandleOrderPaid)

	// HTTP
	mux := http.NewServeMux()
	admin := httpx.RequireAPIKey(logger, cfg.AdminAPIKey)
	catalogapi.New(catalogSvc, logger).Register(mux, admin)
	customersweb.New(accountSvc, addrSvc, authn, logger).Register(mux)
	ordershttp.New(orderSvc, cartSvc, checkoutSvc, logger).Register(mux, authn.Require, admin)
	fulfilment.NewHandler(fulfilSvc, logger).Register(mux, admin)
	mux.Handle("POST /webhooks/payments", webhook.New(paymentSvc, orderSvc, cfg.Payments.WebhookSecret, clk, logger))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := conn.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})

	return &app{mux: mux, catalog: catalogSvc, orders: orderSvc, payments: paymentSvc, refunds: refundSvc}, nil
}
