// Command doorgate is the small, latency-sensitive server the club turnstiles talk to.
// It runs in each region close to the clubs and only needs access and membership reads.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pulsefit/clubs/internal/access/cards"
	"github.com/pulsefit/clubs/internal/access/checkin"
	accesshttp "github.com/pulsefit/clubs/internal/access/http"
	accessstore "github.com/pulsefit/clubs/internal/access/store"
	"github.com/pulsefit/clubs/internal/facilities/clubs"
	memberstore "github.com/pulsefit/clubs/internal/membership/store"
	"github.com/pulsefit/clubs/pkg/config"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/httpx"
	"github.com/pulsefit/clubs/pkg/logging"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	log := logging.New("doorgate", cfg.Env)
	conn, err := db.Open(cfg.DatabaseURL, cfg.DBMaxOpen)
	if err != nil {
		log.Error("db", "err", err)
		os.Exit(1)
	}
	defer conn.Close()

	bus := events.NewBus(conn, log)
	aStore := accessstore.New(conn)
	reg := cards.NewRegistry(conn, os.Getenv("PULSE_QR_KEY"))
	svc := checkin.New(reg, aStore, memberstore.New(conn), clubs.New(conn), bus)

	mux := http.NewServeMux()
	(&accesshttp.Handlers{Checkin: svc, Cards: reg, Store: aStore}).RegisterDoor(mux)

	srv := &http.Server{Addr: cfg.DoorGateAddr, Handler: httpx.Recover(mux), ReadTimeout: 2 * time.Second, WriteTimeout: 2 * time.Second}
	go func() {
		log.Info("doorgate listening", "addr", cfg.DoorGateAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve", "err", err)
			os.Exit(1)
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
}
