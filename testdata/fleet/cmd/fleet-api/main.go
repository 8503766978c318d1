// Command fleet-api serves the internal back-office API, the telematics
// ingest endpoint, the live map and the customer portal.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"gitlab.com/roadrunner/fleet/lib/conf"
	"gitlab.com/roadrunner/fleet/lib/dbx"
	"gitlab.com/roadrunner/fleet/lib/xlog"
)

var version = "dev"

func main() {
	cfg, err := conf.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(2)
	}
	log := xlog.Setup(xlog.Options{Level: cfg.LogLevel, JSON: cfg.LogJSON, Service: "fleet-api"})
	db, err := dbx.Open("pgx", cfg.DatabaseURL, cfg.DBMaxOpen)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer db.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: wire(ctx, cfg, db), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Info("listening", "addr", cfg.HTTPAddr, "version", version)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Error("server", "err", err)
		os.Exit(1)
	}
}
