// Command opsd serves the TableCraft operations API to terminals, kitchen
// screens, the website and delivery partners.
package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"tablecraft.io/ops/app"
	"tablecraft.io/ops/config"
	"tablecraft.io/ops/logging"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		logging.New("dev").Errorf("%v", err)
		os.Exit(1)
	}
	log := logging.New(cfg.Env)
	a, err := app.New(cfg, log)
	if err != nil {
		log.Errorf("startup: %v", err)
		os.Exit(1)
	}
	defer a.Close()
	a.Subscribe()

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		log.Infof("opsd listening on %s", cfg.HTTPAddr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Errorf("serve: %v", err)
			stop()
		}
	}()
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second) // KDS long-polls
	defer cancel()
	_ = srv.Shutdown(shutdown)
}
