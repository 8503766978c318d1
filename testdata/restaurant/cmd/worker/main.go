// Command worker runs background jobs: outbox relay, reminders, menu sync,
// nightly rollups and tip pools.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Infof("worker started with %d jobs", len(a.Jobs()))
	a.RunJobs(ctx)
}
