// Command worker runs RxNow's periodic jobs: refill reminders, stock
// reservation expiry and prescription expiry.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	inventoryapp "rxnow.health/backend/application/inventory"
	rxapp "rxnow.health/backend/application/prescriptions"
	remindersapp "rxnow.health/backend/application/reminders"
	"rxnow.health/backend/infrastructure/messaging"
	"rxnow.health/backend/infrastructure/npiregistry"
	"rxnow.health/backend/infrastructure/postgres"
	pginventory "rxnow.health/backend/infrastructure/postgres/inventory"
	pgrx "rxnow.health/backend/infrastructure/postgres/prescriptions"
	pgreminders "rxnow.health/backend/infrastructure/postgres/reminders"
	"rxnow.health/backend/kernel/config"
	"rxnow.health/backend/kernel/events"
	"rxnow.health/backend/kernel/logging"
)

type job struct {
	name  string
	every time.Duration
	run   func(ctx context.Context) (int, error)
}

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

	// The worker has its own bus: events published here are not seen by
	// the API process. Only logging subscribers are attached.
	bus := events.NewBus(log)
	var sender messaging.Sender = messaging.LogSender{Log: log}
	if cfg.IsProduction() {
		sender = messaging.Router{Email: messaging.SMTPSender{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom}, SMS: messaging.SMSSender{URL: cfg.SMSGatewayURL}}
	}

	rxStore := pgrx.NewStore(db)
	verifier := rxapp.NewVerifier(rxStore, npiregistry.New(cfg.NPIRegistryURL), log)
	// The worker only needs the expiry sweep from the prescriptions service,
	// which does not touch catalog or customers.
	rx := rxapp.NewService(rxStore, nil, nil, verifier, bus)
	inventory := inventoryapp.NewService(pginventory.NewStore(db), bus, log, cfg.ReservationTTL)
	reminders := remindersapp.NewService(pgreminders.NewStore(db), sender, log, cfg.ReminderLeadDays)

	jobs := []job{
		{"reminders.schedule", cfg.ReminderInterval, reminders.ScheduleDue},
		{"reminders.send", 5 * time.Minute, reminders.SendDue},
		{"inventory.expire_reservations", 5 * time.Minute, inventory.ExpireReservations},
		{"prescriptions.expire", 6 * time.Hour, func(ctx context.Context) (int, error) {
			n, err := rx.ExpireStale(ctx)
			return int(n), err
		}},
	}

	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func(j job) {
			defer wg.Done()
			loop(ctx, log, j)
		}(j)
	}
	log.Info("worker started", "jobs", len(jobs))
	wg.Wait()
}

func loop(ctx context.Context, log *slog.Logger, j job) {
	t := time.NewTicker(j.every)
	defer t.Stop()
	for {
		start := time.Now()
		n, err := j.run(ctx)
		if err != nil {
			log.Error("job failed", "job", j.name, "err", err)
		} else if n > 0 {
			log.Info("job done", "job", j.name, "items", n, "dur", time.Since(start))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
