// Command worker runs the background jobs: outbox dispatch and the event
// subscribers, hold expiry, notification delivery, flight generation and
// loyalty accrual.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"skyhop.aero/backend/pkg/baggage"
	"skyhop.aero/backend/pkg/booking"
	bookingstore "skyhop.aero/backend/pkg/booking/adapters/postgres"
	"skyhop.aero/backend/pkg/booking/holds"
	"skyhop.aero/backend/pkg/crew"
	"skyhop.aero/backend/pkg/disruption"
	"skyhop.aero/backend/pkg/loyalty"
	"skyhop.aero/backend/pkg/loyalty/accrual"
	"skyhop.aero/backend/pkg/notify"
	"skyhop.aero/backend/pkg/platform/config"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/events"
	"skyhop.aero/backend/pkg/platform/logging"
	"skyhop.aero/backend/pkg/pricing"
	"skyhop.aero/backend/pkg/schedule"
	"skyhop.aero/backend/pkg/schedule/inventory"
	"skyhop.aero/backend/pkg/ticketing"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New(cfg.Env, "worker")
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
	book := &booking.Service{DB: database, Store: bookingstore.New(database), Pricing: pricing.New(database),
		Schedule: sched, Inventory: inv, Notify: notifier, Bus: bus, HoldTTL: cfg.HoldTTL, Log: log, Now: time.Now}
	tickets := ticketing.New(database, book, notifier, bus, cfg, log)
	rostering := crew.New(database, bus, notifier, log)
	irops := &disruption.Service{DB: database, Bookings: book, Schedule: sched, Inventory: inv,
		Tickets: tickets, Notify: notifier, Log: log}
	bags := baggage.New(database, bus)
	miles := loyalty.New(database, notifier)

	bus.Subscribe(events.BookingConfirmed, tickets.OnBookingConfirmed)
	bus.Subscribe(events.FlightDeparted, tickets.OnFlightDeparted)
	bus.Subscribe(events.FlightDeparted, bags.OnFlightDeparted)
	bus.Subscribe(events.FlightCancelled, irops.OnFlightCancelled)
	bus.Subscribe(events.FlightCancelled, rostering.OnFlightCancelled)
	bus.Subscribe(events.FlightDelayed, irops.OnFlightDelayed)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var wg sync.WaitGroup
	run := func(name string, every time.Duration, fn func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loop(ctx, log.With("job", name), every, fn)
		}()
	}

	run("outbox", 2*time.Second, func(ctx context.Context) error {
		_, err := bus.Dispatch(ctx, cfg.OutboxBatch)
		return err
	})
	run("notifications", 10*time.Second, func(ctx context.Context) error {
		_, err := notifier.Deliver(ctx, 200)
		return err
	})
	run("flight-generation", 6*time.Hour, func(ctx context.Context) error {
		n, err := sched.Generate(ctx, time.Now().UTC().Truncate(24*time.Hour), 330)
		log.Info("flights generated", "count", n)
		return err
	})
	if cfg.AccrualEnabled {
		job := &accrual.Job{DB: database, Loyalty: miles, Log: log}
		run("accrual", time.Hour, func(ctx context.Context) error {
			_, err := job.Run(ctx, 7)
			return err
		})
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		(&holds.Job{Svc: book, Interval: time.Minute, Batch: 200, Log: log}).Run(ctx)
	}()

	<-ctx.Done()
	wg.Wait()
}

func loop(ctx context.Context, log *slog.Logger, every time.Duration, fn func(context.Context) error) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := fn(ctx); err != nil {
			log.Error("job failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
