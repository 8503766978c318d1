// Command api is the public HTTP API of Loomly.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	catalogh "loomly.com/api/internal/catalog/handler"
	"loomly.com/api/internal/catalog/images"
	catalogsvc "loomly.com/api/internal/catalog/service"
	"loomly.com/api/internal/checkout"
	checkoutapi "loomly.com/api/internal/checkout/api"
	"loomly.com/api/internal/disputes"
	disputesapi "loomly.com/api/internal/disputes/api"
	"loomly.com/api/internal/messaging"
	messagingapi "loomly.com/api/internal/messaging/api"
	ordersapi "loomly.com/api/internal/orders/httpapi"
	ordersvc "loomly.com/api/internal/orders/service"
	"loomly.com/api/internal/orders/shipping"
	"loomly.com/api/internal/reviews"
	shopsapi "loomly.com/api/internal/shops/httpapi"
	shopsvc "loomly.com/api/internal/shops/service"
	paymentsapi "loomly.com/api/payments/api"
	"loomly.com/api/payments/gateway"
	"loomly.com/api/payments/ledger"
	"loomly.com/api/payments/payouts"
	"loomly.com/api/platform/config"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/httpx"
	"loomly.com/api/platform/logging"
	"loomly.com/api/search/query"
	"loomly.com/api/search/reindexer"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New("api", cfg.LogLevel, cfg.LogJSON)
	pool, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer pool.Close()

	bus := events.NewBus(log)
	gw := gateway.New(cfg.PaymentsBaseURL, cfg.PaymentsAPIKey)
	tracker := shipping.NewTracker(cfg.CarrierAPIURL)
	signer := images.NewSigner(cfg.ImageBucketURL, cfg.ImageCDNURL, cfg.ImageSecret)

	shops := shopsvc.New(pool)
	catalog := catalogsvc.New(pool, shops, signer, bus)
	orders := ordersvc.New(pool, shops, tracker, bus, cfg.PlatformFeeBps)
	chk := checkout.New(pool, orders, gw)
	reviewSvc := reviews.NewService(reviews.NewStore(pool))
	msgs := messaging.New(pool, shops, bus)
	disp := disputes.New(pool, orders, gw, bus)
	payoutRunner := payouts.NewRunner(pool, gw, shops, log)
	reindexer.New(pool, log).Subscribe(bus)

	mux := http.NewServeMux()
	auth := httpx.Auth
	shopsapi.New(shops).Register(mux, auth)
	catalogh.New(catalog, reviewSvc.Store()).Register(mux, auth)
	query.New(pool).Register(mux)
	checkoutapi.New(chk).Register(mux, auth)
	ordersapi.New(orders).Register(mux, auth)
	paymentsapi.New(ledger.New(pool), payoutRunner, shops, bus, cfg.WebhookSecret).Register(mux, auth)
	reviews.NewHandler(reviewSvc, func(ctx context.Context, owner string) (string, error) {
		sh, err := shops.MyShop(ctx, owner)
		if err != nil {
			return "", err
		}
		return sh.ID, nil
	}).Register(mux, auth)
	messagingapi.New(msgs).Register(mux, auth)
	disputesapi.New(disp, shops).Register(mux, auth)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := pool.PingContext(r.Context()); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: httpx.Logging(log, mux), ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
