// Command wms-worker runs background jobs and delivers outbox events to
// in-process subscribers.
package main

import (
	"context"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"shipwell.io/wms/legacy/billing"
	clientsinfra "shipwell.io/wms/modules/clients/infra"
	invapp "shipwell.io/wms/modules/inventory/app"
	invinfra "shipwell.io/wms/modules/inventory/infra"
	invjobs "shipwell.io/wms/modules/inventory/jobs"
	locapp "shipwell.io/wms/modules/locations/app"
	locinfra "shipwell.io/wms/modules/locations/infra"
	ordersapp "shipwell.io/wms/modules/orders/app"
	ordersinfra "shipwell.io/wms/modules/orders/infra"
	rcvapp "shipwell.io/wms/modules/receiving/app"
	rcvinfra "shipwell.io/wms/modules/receiving/infra"
	shipapp "shipwell.io/wms/modules/shipping/app"
	"shipwell.io/wms/modules/shipping/carriers"
	shipinfra "shipwell.io/wms/modules/shipping/infra"
	shipjobs "shipwell.io/wms/modules/shipping/jobs"
	wavesapp "shipwell.io/wms/modules/waves/app"
	wavesinfra "shipwell.io/wms/modules/waves/infra"
	wavesjobs "shipwell.io/wms/modules/waves/jobs"
	"shipwell.io/wms/pkg/config"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/jobs"
	"shipwell.io/wms/pkg/logging"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New(cfg.LogLevel).With("proc", "worker")
	sqlDB, err := db.Open(cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer sqlDB.Close()
	pub := events.Outbox{}

	invStore := invinfra.New(sqlDB)
	invSvc := invapp.New(sqlDB, invStore, locapp.New(locinfra.New(sqlDB)), pub)
	ordSvc := &ordersapp.Service{DB: sqlDB, Store: ordersinfra.New(sqlDB), Inventory: invSvc,
		Clients: clientsinfra.New(sqlDB), Events: pub, Log: logger}
	waveSvc := &wavesapp.Service{DB: sqlDB, Store: wavesinfra.New(sqlDB), InvStore: invStore, Inventory: invSvc,
		Orders: ordSvc, Events: pub, Log: logger, MaxOrders: cfg.WaveMaxOrders, Lead: cfg.WaveCutoffLead}
	shipStore := shipinfra.New(sqlDB)
	shipSvc := &shipapp.Service{DB: sqlDB, Store: shipStore, Carriers: carriers.NewRegistry(cfg), Events: pub, Log: logger}
	rcvSvc := &rcvapp.Service{DB: sqlDB, Store: rcvinfra.New(sqlDB), Inventory: invSvc, Events: pub,
		OverPct: cfg.OverReceiptPct, OverdueGrace: 48 * time.Hour, Log: logger}
	billSvc := &billing.Service{DB: sqlDB, Shipments: shipStore, Log: logger}

	dispatcher := events.NewDispatcher()
	billSvc.Subscribe(dispatcher)
	dispatcher.Subscribe(events.WaveCompleted, func(ctx context.Context, ev events.Event) error {
		logger.Info("wave completed", "wave", ev.AggregateID, "payload", string(ev.Payload))
		return nil
	})
	relay := &events.Relay{DB: sqlDB, D: dispatcher, Batch: cfg.OutboxBatchSize}

	ij := &invjobs.Jobs{Store: invStore, Log: logger}
	wj := &wavesjobs.Jobs{Svc: waveSvc, Log: logger}
	sj := &shipjobs.Jobs{Svc: shipSvc, Log: logger, ManifestHour: 19}

	s := jobs.NewScheduler(sqlDB, logger)
	s.Every("outbox-relay", 2*time.Second, func(ctx context.Context) error {
		_, err := relay.RunOnce(ctx)
		return err
	})
	s.Every("orders-allocate", time.Minute, ordSvc.AllocatePending)
	s.Every("inventory-replenish", cfg.ReplenishInterval, ij.Replenish)
	s.Every("inventory-abc", 24*time.Hour, ij.Reclassify)
	s.Every("waves-auto-release", 5*time.Minute, wj.AutoRelease)
	s.Every("shipping-tracking", 15*time.Minute, sj.Tracking)
	s.Every("shipping-eod-manifest", 10*time.Minute, sj.EndOfDay)
	s.Every("receiving-overdue", time.Hour, rcvSvc.FlagOverdue)
	s.Every("billing-storage", 6*time.Hour, billSvc.DailyStorage)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("worker started", "tick", cfg.WorkerTick.String())
	s.Run(ctx)
}
