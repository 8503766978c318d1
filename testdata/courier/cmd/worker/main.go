// Command worker relays integration events and runs scheduled jobs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"parcelgo.com/platform/infrastructure/container"
	"parcelgo.com/platform/infrastructure/events"
	"parcelgo.com/platform/infrastructure/scheduler"
	"parcelgo.com/platform/shared/config"
	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/logging"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New(cfg.Env)
	sqlDB, err := db.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer sqlDB.Close()
	c := container.Build(cfg, log, sqlDB)

	c.Bus.Subscribe(events.ShipmentBooked, c.Tracking.OnShipmentBooked)
	c.Bus.Subscribe(events.ShipmentDelivered, c.Billing.OnShipmentDelivered)
	c.Bus.Subscribe(events.ShipmentDelivered, c.Returns.OnShipmentDelivered)
	c.Bus.Subscribe(events.ClaimApproved, c.Payouts.OnClaimApproved)

	s := scheduler.New(sqlDB, log)
	s.Add(scheduler.Job{Name: "outbox-relay", Every: 5 * time.Second, Run: func(ctx context.Context) error {
		for {
			n, err := c.Bus.RelayOutbox(ctx, 100)
			if err != nil || n < 100 {
				return err
			}
		}
	}})
	s.Add(scheduler.Job{Name: "billing-sweep", Every: 6 * time.Hour, Run: func(ctx context.Context) error {
		_, err := c.Billing.SweepUncharged(ctx)
		return err
	}})
	s.Add(scheduler.Job{Name: "monthly-invoicing", Every: time.Hour, Run: func(ctx context.Context) error {
		now := time.Now().UTC()
		if now.Day() != 1 || now.Hour() != 2 {
			return nil
		}
		periodEnd := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		n, err := c.Billing.RunInvoicing(ctx, periodEnd)
		log.Info("invoicing run", "issued", n)
		return err
	}})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Info("worker started")
	s.Start(ctx)
}
