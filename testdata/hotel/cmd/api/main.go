// Command api is the Staybright public and staff HTTP API.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/staybright/platform/internal/pkg/config"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/pkg/log"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.New("info", false).Error("config", "err", err)
		os.Exit(1)
	}
	logger := log.New(cfg.LogLevel, cfg.LogJSON).With("svc", "api", "env", cfg.Env)

	a, err := wire(cfg, logger)
	if err != nil {
		logger.Error("wiring failed", "err", err)
		os.Exit(1)
	}
	defer a.close()

	mux := http.NewServeMux()
	a.routes(mux)

	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           httpx.Middleware(logger, mux),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go func() {
		logger.Info("listening", "addr", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("server failed", "err", err)
			stop()
		}
	}()

	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Error("shutdown", "err", err)
	}
	logger.Info("bye")
}
