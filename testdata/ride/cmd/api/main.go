// Command api is the Zipcab HTTP/websocket API server.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	driverhandler "github.com/zipcab/backend/app/driver/handler"
	driverrepo "github.com/zipcab/backend/app/driver/repository"
	driverservice "github.com/zipcab/backend/app/driver/service"
	paymenthandler "github.com/zipcab/backend/app/payment/handler"
	paymentrepo "github.com/zipcab/backend/app/payment/repository"
	paymentservice "github.com/zipcab/backend/app/payment/service"
	restauranthandler "github.com/zipcab/backend/app/restaurant/handler"
	restaurantrepo "github.com/zipcab/backend/app/restaurant/repository"
	restaurantservice "github.com/zipcab/backend/app/restaurant/service"
	riderhandler "github.com/zipcab/backend/app/rider/handler"
	riderrepo "github.com/zipcab/backend/app/rider/repository"
	riderservice "github.com/zipcab/backend/app/rider/service"
	triphandler "github.com/zipcab/backend/app/trip/handler"
	triprepo "github.com/zipcab/backend/app/trip/repository"
	tripservice "github.com/zipcab/backend/app/trip/service"
	"github.com/zipcab/backend/clients/bgcheck"
	"github.com/zipcab/backend/clients/maps"
	"github.com/zipcab/backend/clients/paygateway"
	"github.com/zipcab/backend/clients/sms"
	"github.com/zipcab/backend/modules/driverlocation"
	"github.com/zipcab/backend/modules/foodorder"
	"github.com/zipcab/backend/modules/foodorder/httpapi"
	"github.com/zipcab/backend/modules/matching"
	"github.com/zipcab/backend/modules/notify"
	"github.com/zipcab/backend/modules/onboarding"
	"github.com/zipcab/backend/modules/pricing"
	"github.com/zipcab/backend/modules/pricing/surge"
	"github.com/zipcab/backend/modules/promotions"
	"github.com/zipcab/backend/modules/ratings"
	"github.com/zipcab/backend/modules/wallet"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/config"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/geo"
	"github.com/zipcab/backend/pkg/httpx"
	"github.com/zipcab/backend/pkg/log"
	"github.com/zipcab/backend/workers/dispatcher"
)

type registrar interface {
	Register(mux httpx.Router, signer *auth.Signer)
}

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.L().Error("config", "err", err)
		os.Exit(1)
	}
	log.Init("zipcab-api", cfg.LogLevel)
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.L().Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()
	xdb := sqlx.NewDb(conn, "postgres")
	bus := events.NewBus(conn)
	signer := auth.NewSigner(cfg.JWTSecret)

	gateway := paygateway.New(cfg.PaymentGatewayURL, cfg.PaymentGatewayKey)
	mapsClient := maps.New(cfg.MapsBaseURL, cfg.MapsAPIKey)
	smsClient := sms.New(cfg.SMSBaseURL, cfg.SMSAccountSID, cfg.SMSAuthToken, cfg.SMSFromNumber)
	bg := bgcheck.New(cfg.BGCheckURL, cfg.BGCheckAPIKey)

	// drivers
	locations := driverlocation.NewStore(conn)
	drvRepo := driverrepo.New(conn)
	drivers := driverservice.New(drvRepo, locations, bus)
	onboard := onboarding.New(conn, drvRepo, bg, bus)

	// payments
	wallets := wallet.New(xdb, cfg.PayoutCurrency)
	payRepo := paymentrepo.New(conn)
	payments := paymentservice.New(payRepo, gateway, wallets, bus)

	// pricing, promotions
	surges := surge.NewStore(conn)
	prices := pricing.New(conn, surges, mapsClient, geo.MarketOf)
	promos := promotions.New(conn, wallets, bus, cfg.PayoutCurrency)

	// riders, notifications
	rdrRepo := riderrepo.New(conn)
	notifier := notify.New(conn, smsClient, rdrRepo, drvRepo)
	riders := riderservice.New(rdrRepo, notifier, promos, signer)

	// trips
	trpRepo := triprepo.New(conn)
	trips := tripservice.New(trpRepo, prices, promos, drivers, payments, bus)
	hub := triphandler.NewHub(trpRepo, drivers)
	hub.Subscribe(bus)
	locHandler := driverlocation.NewHandler(locations, drivers)
	locHandler.Watch(hub.OnDriverPing)
	// Dispatch runs in the API process: offers go out over the drivers' feed
	// websockets, which are held by this process's hub.
	matcher := matching.New(matching.DefaultConfig(cfg.DispatchRadiusKm, cfg.DispatchMaxCandidates),
		drivers, mapsClient, trpRepo, hub)
	disp := dispatcher.New(matcher, trips, trpRepo)
	disp.Register(bus)

	// food
	rests := restaurantservice.New(restaurantrepo.New(xdb))
	orders := foodorder.New(xdb, rests, prices, promos, payments, wallets, bus)

	mux := http.NewServeMux()
	for _, r := range []registrar{
		riderhandler.New(riders, rdrRepo, trpRepo, cfg.PayoutCurrency),
		driverhandler.New(drivers, drvRepo, payRepo, cfg.PayoutCurrency),
		onboarding.NewHandler(onboard),
		locHandler,
		triphandler.New(trips, trpRepo, drivers, hub),
		pricing.NewHandler(prices, surges),
		paymenthandler.New(payRepo, payments, gateway),
		wallet.NewHandler(wallets),
		ratings.NewHandler(ratings.New(conn, trpRepo, drivers, bus)),
		restauranthandler.New(rests),
		httpapi.New(orders, rests),
	} {
		r.Register(mux, signer)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// the API process relays the outbox so realtime pushes (hub) see events quickly
	go bus.Relay(ctx, 250*time.Millisecond)
	go locations.RunFlusher(ctx, 2*time.Second)
	go disp.RunOfferTimeouts(ctx, 3*time.Second)

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: httpx.Chain(mux, httpx.Recover, httpx.Logging), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.L().Info("listening", "addr", cfg.HTTPAddr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.L().Error("serve", "err", err)
		os.Exit(1)
	}
}
