// Command wms-api serves the HTTP API used by clients, RF guns, pack
// benches and the office UI.
package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"shipwell.io/wms/legacy/billing"
	"shipwell.io/wms/legacy/returns"
	clientsapi "shipwell.io/wms/modules/clients/api"
	clientsinfra "shipwell.io/wms/modules/clients/infra"
	invapi "shipwell.io/wms/modules/inventory/api"
	invapp "shipwell.io/wms/modules/inventory/app"
	invinfra "shipwell.io/wms/modules/inventory/infra"
	laborapi "shipwell.io/wms/modules/labor/api"
	laborapp "shipwell.io/wms/modules/labor/app"
	laborinfra "shipwell.io/wms/modules/labor/infra"
	locapi "shipwell.io/wms/modules/locations/api"
	locapp "shipwell.io/wms/modules/locations/app"
	locinfra "shipwell.io/wms/modules/locations/infra"
	ordersapi "shipwell.io/wms/modules/orders/api"
	ordersapp "shipwell.io/wms/modules/orders/app"
	ordersinfra "shipwell.io/wms/modules/orders/infra"
	packapi "shipwell.io/wms/modules/packing/api"
	packapp "shipwell.io/wms/modules/packing/app"
	packinfra "shipwell.io/wms/modules/packing/infra"
	rcvapi "shipwell.io/wms/modules/receiving/api"
	rcvapp "shipwell.io/wms/modules/receiving/app"
	rcvinfra "shipwell.io/wms/modules/receiving/infra"
	shipapi "shipwell.io/wms/modules/shipping/api"
	shipapp "shipwell.io/wms/modules/shipping/app"
	"shipwell.io/wms/modules/shipping/carriers"
	shipinfra "shipwell.io/wms/modules/shipping/infra"
	wavesapi "shipwell.io/wms/modules/waves/api"
	wavesapp "shipwell.io/wms/modules/waves/app"
	wavesinfra "shipwell.io/wms/modules/waves/infra"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/config"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/events"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/logging"
	"shipwell.io/wms/pkg/models"
)

// origins are the ship-from addresses of our buildings.
var origins = map[string]models.Address{
	"DAL1": {Company: "Shipwell Logistics", Line1: "4400 Logistics Pkwy", City: "Dallas", Region: "TX", PostalCode: "75241", Country: "US"},
	"RNO1": {Company: "Shipwell Logistics", Line1: "1250 Peru Dr", City: "Sparks", Region: "NV", PostalCode: "89437", Country: "US"},
}

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.Fatal(err)
	}
	logger := logging.New(cfg.LogLevel)
	sqlDB, err := db.Open(cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer sqlDB.Close()
	pub := events.Outbox{}

	clientStore := clientsinfra.New(sqlDB)
	locSvc := locapp.New(locinfra.New(sqlDB))
	invStore := invinfra.New(sqlDB)
	invSvc := invapp.New(sqlDB, invStore, locSvc, pub)
	rcvSvc := &rcvapp.Service{DB: sqlDB, Store: rcvinfra.New(sqlDB), Inventory: invSvc, Events: pub,
		OverPct: cfg.OverReceiptPct, OverdueGrace: 48 * time.Hour, Log: logger}
	ordSvc := &ordersapp.Service{DB: sqlDB, Store: ordersinfra.New(sqlDB), Inventory: invSvc,
		Clients: clientStore, Events: pub, Log: logger}
	wavesStore := wavesinfra.New(sqlDB)
	waveSvc := &wavesapp.Service{DB: sqlDB, Store: wavesStore, InvStore: invStore, Inventory: invSvc,
		Orders: ordSvc, Events: pub, Log: logger, MaxOrders: cfg.WaveMaxOrders, Lead: cfg.WaveCutoffLead}
	shipStore := shipinfra.New(sqlDB)
	shipSvc := &shipapp.Service{DB: sqlDB, Store: shipStore, Carriers: carriers.NewRegistry(cfg),
		Events: pub, Origin: origins[cfg.WarehouseCode], Log: logger}
	packSvc := &packapp.Service{DB: sqlDB, Store: packinfra.New(sqlDB), Orders: ordSvc, Shipping: shipSvc, Events: pub}
	billSvc := &billing.Service{DB: sqlDB, Shipments: shipStore, Log: logger}
	retSvc := &returns.Service{DB: sqlDB, Billing: billSvc, Events: pub, Log: logger, ReturnsLocCode: "RT-01-01-1"}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := sqlDB.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"db": err.Error()})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	(&clientsapi.Handler{Store: clientStore}).Register(mux)
	(&locapi.Handler{Svc: locSvc}).Register(mux)
	(&invapi.Handler{Svc: invSvc}).Register(mux)
	(&rcvapi.Handler{Svc: rcvSvc}).Register(mux)
	(&ordersapi.Handler{Svc: ordSvc, Waves: wavesStore}).Register(mux)
	(&wavesapi.Handler{Svc: waveSvc}).Register(mux)
	(&packapi.Handler{Svc: packSvc}).Register(mux)
	(&shipapi.Handler{Svc: shipSvc}).Register(mux)
	(&laborapi.Handler{Svc: &laborapp.Service{Store: laborinfra.New(sqlDB)}}).Register(mux)
	billing.Routes(mux, billSvc)
	retSvc.Routes(mux)

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Chain(mux, httpx.Recover, httpx.Logger(logger), auth.Middleware(sqlDB)),
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      60 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		logger.Info("listening", "addr", cfg.HTTPAddr, "warehouse", cfg.WarehouseCode)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("server", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
