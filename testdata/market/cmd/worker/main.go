// Command worker runs Loomly's background jobs.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"loomly.com/api/internal/checkout"
	"loomly.com/api/internal/disputes"
	orderjobs "loomly.com/api/internal/orders/jobs"
	ordersrepo "loomly.com/api/internal/orders/repo"
	ordersvc "loomly.com/api/internal/orders/service"
	"loomly.com/api/internal/orders/shipping"
	"loomly.com/api/internal/shops/onboarding"
	shopsvc "loomly.com/api/internal/shops/service"
	shopstore "loomly.com/api/internal/shops/store"
	"loomly.com/api/payments/gateway"
	"loomly.com/api/payments/payouts"
	"loomly.com/api/platform/config"
	"loomly.com/api/platform/db"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/logging"
	"loomly.com/api/search/reindexer"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New("worker", cfg.LogLevel, cfg.LogJSON)
	pool, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer pool.Close()

	bus := events.NewBus(log)
	gw := gateway.New(cfg.PaymentsBaseURL, cfg.PaymentsAPIKey)
	tracker := shipping.NewTracker(cfg.CarrierAPIURL)
	shops := shopsvc.New(pool)
	orders := ordersvc.New(pool, shops, tracker, bus, cfg.PlatformFeeBps)
	chk := checkout.New(pool, orders, gw)
	disp := disputes.New(pool, orders, gw, bus)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	var wg sync.WaitGroup
	run := func(name string, f func(context.Context)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			log.Info("job started", "job", name)
			f(ctx)
		}()
	}
	run("onboarding", func(ctx context.Context) {
		onboarding.NewJob(shopstore.New(pool), gw, log).Loop(ctx, 10*time.Minute)
	})
	run("orders", func(ctx context.Context) {
		orderjobs.New(ordersrepo.New(pool), orders, tracker, log).Loop(ctx, 15*time.Minute)
	})
	run("payouts", func(ctx context.Context) {
		payouts.NewRunner(pool, gw, shops, log).Loop(ctx, cfg.PayoutInterval)
	})
	run("reindex", func(ctx context.Context) {
		reindexer.New(pool, log).Loop(ctx, cfg.ReindexInterval)
	})
	run("housekeeping", func(ctx context.Context) { housekeeping(ctx, log, chk, disp) })
	wg.Wait()
}

func housekeeping(ctx context.Context, log *slog.Logger, chk *checkout.Service, disp *disputes.Service) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := disp.EscalateOverdue(ctx); err != nil {
				log.Error("escalate disputes", "err", err)
			} else if n > 0 {
				log.Info("disputes escalated", "count", n)
			}
			if n, err := chk.PurgeAbandoned(ctx); err != nil {
				log.Error("purge carts", "err", err)
			} else if n > 0 {
				log.Info("carts purged", "count", n)
			}
		}
	}
}
