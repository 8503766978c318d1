// Command worker runs Zipcab's background workers and event consumers.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	driverrepo "github.com/zipcab/backend/app/driver/repository"
	driverservice "github.com/zipcab/backend/app/driver/service"
	paymentrepo "github.com/zipcab/backend/app/payment/repository"
	paymentservice "github.com/zipcab/backend/app/payment/service"
	restaurantrepo "github.com/zipcab/backend/app/restaurant/repository"
	restaurantservice "github.com/zipcab/backend/app/restaurant/service"
	riderrepo "github.com/zipcab/backend/app/rider/repository"
	riderservice "github.com/zipcab/backend/app/rider/service"
	triprepo "github.com/zipcab/backend/app/trip/repository"
	tripservice "github.com/zipcab/backend/app/trip/service"
	"github.com/zipcab/backend/clients/bgcheck"
	"github.com/zipcab/backend/clients/maps"
	"github.com/zipcab/backend/clients/paygateway"
	"github.com/zipcab/backend/clients/sms"
	"github.com/zipcab/backend/modules/driverlocation"
	"github.com/zipcab/backend/modules/foodorder"
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
	"github.com/zipcab/backend/pkg/log"
	"github.com/zipcab/backend/workers/docexpiry"
	"github.com/zipcab/backend/workers/notifier"
	"github.com/zipcab/backend/workers/orderdispatch"
	"github.com/zipcab/backend/workers/ratingagg"
	"github.com/zipcab/backend/workers/referralreward"
	"github.com/zipcab/backend/workers/surgecalc"
	"github.com/zipcab/backend/workers/tripcharger"
	"github.com/zipcab/backend/workers/tripexpiry"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.L().Error("config", "err", err)
		os.Exit(1)
	}
	log.Init("zipcab-worker", cfg.LogLevel)
	conn, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.L().Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()
	xdb := sqlx.NewDb(conn, "postgres")
	bus := events.NewBus(conn)

	gateway := paygateway.New(cfg.PaymentGatewayURL, cfg.PaymentGatewayKey)
	mapsClient := maps.New(cfg.MapsBaseURL, cfg.MapsAPIKey)
	smsClient := sms.New(cfg.SMSBaseURL, cfg.SMSAccountSID, cfg.SMSAuthToken, cfg.SMSFromNumber)

	locations := driverlocation.NewStore(conn)
	drvRepo := driverrepo.New(conn)
	drivers := driverservice.New(drvRepo, locations, bus)
	onboard := onboarding.New(conn, drvRepo, bgcheck.New(cfg.BGCheckURL, cfg.BGCheckAPIKey), bus)

	wallets := wallet.New(xdb, cfg.PayoutCurrency)
	payments := paymentservice.New(paymentrepo.New(conn), gateway, wallets, bus)

	surges := surge.NewStore(conn)
	prices := pricing.New(conn, surges, mapsClient, geo.MarketOf)
	promos := promotions.New(conn, wallets, bus, cfg.PayoutCurrency)

	rdrRepo := riderrepo.New(conn)
	notifications := notify.New(conn, smsClient, rdrRepo, drvRepo)
	riders := riderservice.New(rdrRepo, notifications, promos, auth.NewSigner(cfg.JWTSecret))

	trpRepo := triprepo.New(conn)
	trips := tripservice.New(trpRepo, prices, promos, drivers, payments, bus)

	rests := restaurantservice.New(restaurantrepo.New(xdb))
	orders := foodorder.New(xdb, rests, prices, promos, payments, wallets, bus)

	tripcharger.New(payments).Register(bus)
	referralreward.New(promos).Register(bus)
	ratingagg.New(conn, ratings.New(conn, trpRepo, drivers, bus), riders, drivers).Register(bus)
	notifier.New(notifications, drivers).Register(bus)
	orderdispatch.New(orders, trips).Register(bus)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go bus.Relay(ctx, 500*time.Millisecond)
	go tripexpiry.New(trpRepo, trips, cfg.TripRequestTTL).Run(ctx, 15*time.Second)
	go surgecalc.New(conn, surges, surge.DefaultPolicy).Run(ctx, cfg.SurgeInterval)
	go docexpiry.New(drvRepo, drivers, onboard).Run(ctx, 6*time.Hour)

	log.L().Info("workers started")
	<-ctx.Done()
	log.L().Info("shutting down")
}
