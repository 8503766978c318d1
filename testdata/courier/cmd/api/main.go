// Command api serves the merchant, driver, public and back-office HTTP APIs.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"parcelgo.com/platform/infrastructure/container"
	haddressing "parcelgo.com/platform/interfaces/http/addressing"
	hbilling "parcelgo.com/platform/interfaces/http/billing"
	hclaims "parcelgo.com/platform/interfaces/http/claims"
	hdispatch "parcelgo.com/platform/interfaces/http/dispatch"
	"parcelgo.com/platform/interfaces/http/driverapp"
	"parcelgo.com/platform/interfaces/http/httpx"
	hmerchant "parcelgo.com/platform/interfaces/http/merchant"
	hreturns "parcelgo.com/platform/interfaces/http/returns"
	hshipment "parcelgo.com/platform/interfaces/http/shipment"
	htracking "parcelgo.com/platform/interfaces/http/tracking"
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

	public, merchant, driver, admin := http.NewServeMux(), http.NewServeMux(), http.NewServeMux(), http.NewServeMux()

	shipH := hshipment.NewHandler(c.Shipments)
	shipH.RegisterMerchant(merchant)
	shipH.RegisterOps(admin)

	addrH := haddressing.NewHandler(c.Addressing, c.Stores.Addressing)
	addrH.RegisterMerchant(merchant)
	addrH.RegisterAdmin(admin)

	billH := hbilling.NewHandler(c.Billing)
	billH.RegisterMerchant(merchant)

	claimH := hclaims.NewHandler(c.Stores.Claims, c.Stores.Billing, c.Bus, log)
	claimH.RegisterMerchant(merchant)
	claimH.RegisterAdmin(admin)

	retH := hreturns.NewHandler(c.Returns)
	retH.RegisterPublic(public)
	retH.RegisterMerchant(merchant)

	htracking.NewHandler(c.Tracking).RegisterPublic(public)
	hmerchant.NewHandler(c.Merchants).Register(admin)
	hdispatch.NewHandler(c.Dispatch).RegisterOps(admin)
	driverapp.NewHandler(c.Drivers).Register(driver)

	root := http.NewServeMux()
	merchantH := httpx.Chain(merchant, httpx.MerchantAuth(c.Merchants.Authenticate))
	for _, p := range []string{"/v1/shipments", "/v1/shipments/", "/v1/invoices/", "/v1/claims", "/v1/addresses/",
		"/v1/merchant/"} {
		root.Handle(p, merchantH)
	}
	root.Handle("/v1/driver/", httpx.Chain(driver, httpx.DriverAuth(cfg.DriverTokenSecret)))
	adminH := httpx.Chain(admin, httpx.AdminAuth(cfg.AdminToken))
	root.Handle("/v1/admin/", adminH)
	root.Handle("/v1/ops/", adminH)
	root.Handle("/v1/track/", public)
	root.Handle("/v1/returns", public)
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := sqlDB.PingContext(r.Context()); err != nil {
			http.Error(w, "db down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	})

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Chain(root, httpx.Recover, httpx.RequestLog(log)),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Info("api listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("listen", "err", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
