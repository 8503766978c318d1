// Command shop serves the online shop's HTTP API.
package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/lib/pq"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/config"
	"example.com/shop/internal/platform/db"
	"example.com/shop/internal/platform/eventbus"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/ids"
	"example.com/shop/internal/platform/log"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "shop:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	level, err := log.ParseLevel(cfg.LogLevel)
	if err != nil {
		return err
	}
	logger := log.New(os.Stderr, level).With(log.F("service", "shop"))

	conn, err := db.Open("postgres", cfg.DatabaseURL, db.Options{
		MaxOpen: cfg.DB.MaxOpen, MaxIdle: cfg.DB.MaxIdle, ConnMaxLifetime: cfg.DB.ConnMaxLifetime,
	})
	if err != nil {
		return err
	}
	defer conn.Close()
	orm, err := openGORM(conn)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := db.Ping(ctx, conn, 5*time.Second); err != nil {
		return err
	}

	app, err := build(cfg, conn, orm, eventbus.New(logger.Named("bus")), clock.System{}, ids.Random{}, logger)
	if err != nil {
		return err
	}
	if _, err := app.catalog.Reindex(ctx); err != nil {
		logger.Warn("initial search index failed", log.Err(err))
	}

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Chain(app.mux, httpx.Recover(logger), httpx.RequestLog(logger)),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() {
		logger.Info("listening", log.F("addr", cfg.HTTPAddr))
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

func openGORM(conn *sql.DB) (*gorm.DB, error) {
	orm, err := gorm.Open(postgres.New(postgres.Config{Conn: conn}), &gorm.Config{SkipDefaultTransaction: true})
	if err != nil {
		return nil, fmt.Errorf("gorm: %w", err)
	}
	return orm, nil
}
