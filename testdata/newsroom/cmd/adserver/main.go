// Command adserver answers ad decision requests on the hot path. It is
// deployed separately so traffic spikes do not starve the CMS.
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

	"github.com/dailyherald/newsroom/internal/accounts"
	advapi "github.com/dailyherald/newsroom/internal/advertising/api"
	"github.com/dailyherald/newsroom/internal/advertising/delivery"
	"github.com/dailyherald/newsroom/internal/advertising/slot"
	"github.com/dailyherald/newsroom/internal/subscriptions/entitlement"
	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/config"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/events"
	"github.com/dailyherald/newsroom/pkg/httpx/middleware"
	"github.com/dailyherald/newsroom/pkg/logging"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	log := logging.New(cfg.Env).With("proc", "adserver")
	conn, err := db.Open(cfg.DatabaseDriver, cfg.DatabaseURL)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()
	clk := clock.System{}

	acc := accounts.NewService(conn, events.NewOutbox(conn), clk)
	ents := &entitlement.Service{DB: conn, Clock: clk, TTL: 5 * time.Minute}
	decider := &delivery.Decider{DB: conn, Slots: &slot.Service{DB: conn}, Entitlements: ents, Clock: clk}

	mux := http.NewServeMux()
	advapi.Serving{Decider: decider}.Register(mux)
	handler := middleware.Chain(mux, middleware.Recover, middleware.Authenticate(acc, false))

	srv := &http.Server{Addr: cfg.AdServerAddr, Handler: handler, ReadHeaderTimeout: 2 * time.Second, WriteTimeout: 3 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(c)
	}()
	log.Info("adserver listening", "addr", cfg.AdServerAddr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("http", "err", err)
		os.Exit(1)
	}
}
