// Command api is the public and internal HTTP API of the SkyHop backend.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"skyhop.aero/backend/pkg/baggage"
	"skyhop.aero/backend/pkg/booking"
	bookinghttp "skyhop.aero/backend/pkg/booking/adapters/http"
	bookingstore "skyhop.aero/backend/pkg/booking/adapters/postgres"
	"skyhop.aero/backend/pkg/checkin"
	checkinhttp "skyhop.aero/backend/pkg/checkin/adapters/http"
	"skyhop.aero/backend/pkg/crew"
	crewhttp "skyhop.aero/backend/pkg/crew/adapters/http"
	"skyhop.aero/backend/pkg/loyalty"
	loyaltyhttp "skyhop.aero/backend/pkg/loyalty/adapters/http"
	"skyhop.aero/backend/pkg/notify"
	"skyhop.aero/backend/pkg/payments"
	"skyhop.aero/backend/pkg/payments/psp"
	"skyhop.aero/backend/pkg/platform/config"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/platform/httpx"
	"skyhop.aero/backend/pkg/platform/logging"
	"skyhop.aero/backend/pkg/pricing"
	"skyhop.aero/backend/pkg/schedule"
	schedulehttp "skyhop.aero/backend/pkg/schedule/adapters/http"
	"skyhop.aero/backend/pkg/schedule/inventory"
	"skyhop.aero/backend/pkg/ticketing"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New(cfg.Env, "api")
	database, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.Error("database", "err", err)
		os.Exit(1)
	}
	defer database.Close()

	bus := events.NewBus(database, log)
	notifier := notify.New(database, cfg, log)
	inv := inventory.New(database)
	sched := schedule.New(database, inv, bus, log)
	price := pricing.New(database)
	pay := payments.New(database, psp.New(cfg.PSPBaseURL, cfg.PSPAPIKey), bus, log)
	book := &booking.Service{DB: database, Store: bookingstore.New(database), Pricing: price, Schedule: sched,
		Inventory: inv, Notify: notifier, Bus: bus, HoldTTL: cfg.HoldTTL, Log: log, Now: time.Now}
	tickets := ticketing.New(database, book, notifier, bus, cfg, log)
	checkins := checkin.New(database, tickets, sched, bus, cfg, log)
	bags := baggage.New(database, bus)
	miles := loyalty.New(database, notifier)
	rostering := crew.New(database, bus, notifier, log)

	mux := http.NewServeMux()
	(&schedulehttp.Handler{Svc: sched}).Register(mux)
	(&pricing.Handler{Svc: price, Inventory: inv}).Register(mux)
	(&bookinghttp.Handler{Svc: book, Payments: pay}).Register(mux)
	(&ticketing.Handler{Svc: tickets}).Register(mux)
	(&checkinhttp.Handler{Svc: checkins}).Register(mux)
	(&baggage.Handler{Svc: bags}).Register(mux)
	(&loyaltyhttp.Handler{Svc: miles}).Register(mux)
	(&crewhttp.Handler{Svc: rostering}).Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := database.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"db": err.Error()})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: httpx.Logged(log, mux),
		ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("server", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
