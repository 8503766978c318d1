// Command gatehouse-worker runs the periodic background jobs: hold expiry,
// stale order expiry, promoter settlements, newsletter sends and the
// nightly newsletter opt-in sync.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	accpg "gatehouse.events/platform/internal/accounts/adapters/postgres"
	invpg "gatehouse.events/platform/internal/inventory/adapters/postgres"
	invapp "gatehouse.events/platform/internal/inventory/app"
	"gatehouse.events/platform/internal/inventory/holdsweeper"
	"gatehouse.events/platform/internal/marketing"
	"gatehouse.events/platform/internal/marketing/mailer"
	ordpg "gatehouse.events/platform/internal/orders/adapters/postgres"
	ordapp "gatehouse.events/platform/internal/orders/app"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/config"
	"gatehouse.events/platform/internal/platform/db"
	"gatehouse.events/platform/internal/platform/events"
	"gatehouse.events/platform/internal/platform/logging"
	"gatehouse.events/platform/internal/promoters"
	"gatehouse.events/platform/internal/promoters/settlement"
	"gatehouse.events/platform/internal/shared/model"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New("gatehouse-worker", cfg.LogLevel, cfg.LogJSON)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	sqlDB, err := db.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer sqlDB.Close()
	sqlxDB := sqlx.NewDb(sqlDB, "postgres")
	clk := clock.System{}
	bus := events.NewBus(log)
	mail := mailer.New(cfg.SMTPAddr, cfg.NewsletterFrom, log)

	seatStore := invpg.NewSeatStore(sqlxDB)
	holds := invapp.NewHoldService(seatStore, seatStore, invpg.NewHoldStore(sqlxDB), seatStore, clk, cfg.HoldTTL, log)
	checkout := ordapp.NewCheckoutService(ordapp.Deps{Orders: ordpg.NewOrderStore(sqlDB), Publisher: bus, Clock: clk, Log: log})
	settlements := settlement.NewRunner(sqlDB, promoters.NewService(sqlDB, clk), clk, cfg.SettlementDay, log)
	mkt := marketing.NewService(sqlDB, mail, clk, log, cfg.JWTSecret, cfg.PublicBaseURL)
	fans := accpg.NewFanStore(sqlDB)

	jobs := map[string]func(context.Context) error{
		"hold-sweeper":      holdsweeper.New(holds, cfg.SweepInterval, log).Run,
		"order-expiry":      every(time.Minute, log, "order-expiry", func(ctx context.Context) error { _, err := checkout.ExpireStale(ctx); return err }),
		"settlements":       settlements.Run,
		"campaign-sender":   func(ctx context.Context) error { return mkt.RunSender(ctx, time.Minute) },
		"newsletter-optins": every(24*time.Hour, log, "newsletter-optins", syncOptIns(fans, mkt, clk)),
	}
	var wg sync.WaitGroup
	for name, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := job(ctx); err != nil && ctx.Err() == nil {
				log.Error("job stopped", "job", name, "err", err)
			}
		}()
	}
	wg.Wait()
	bus.Drain()
}

func every(d time.Duration, log *slog.Logger, name string, fn func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
				if err := fn(ctx); err != nil {
					log.Error("job run failed", "job", name, "err", err)
				}
			}
		}
	}
}

// syncOptIns catches fans who opted in after registration (the
// FanRegistered event only covers sign-up time).
func syncOptIns(fans *accpg.FanStore, mkt *marketing.Service, clk clock.Clock) func(context.Context) error {
	return func(ctx context.Context) error {
		since := clk.Now().Add(-25 * time.Hour)
		return fans.MarketingOptIns(ctx, since, func(p model.FanProfile) error {
			return mkt.Subscribe(ctx, marketing.Subscriber{FanID: p.ID, Email: p.Email, Name: p.DisplayName, Country: p.Country})
		})
	}
}
