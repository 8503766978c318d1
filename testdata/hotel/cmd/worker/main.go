// Command worker runs Staybright's background jobs on fixed schedules.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/staybright/platform/internal/pkg/config"
	"github.com/staybright/platform/internal/pkg/log"
)

// Job is implemented by every background job.
type Job interface {
	Name() string
	Run(ctx context.Context) error
}

type scheduled struct {
	job   Job
	every time.Duration
}

func main() {
	cfg, err := config.Load()
	if err != nil {
		log.New("info", false).Error("config", "err", err)
		os.Exit(1)
	}
	logger := log.New(cfg.LogLevel, cfg.LogJSON).With("svc", "worker", "env", cfg.Env)

	jobs, closeFn, err := wire(cfg, logger)
	if err != nil {
		logger.Error("wiring failed", "err", err)
		os.Exit(1)
	}
	defer closeFn()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var wg sync.WaitGroup
	for _, s := range jobs {
		wg.Add(1)
		go func(s scheduled) {
			defer wg.Done()
			loop(ctx, logger, s)
		}(s)
	}
	logger.Info("worker started", "jobs", len(jobs))
	wg.Wait()
	logger.Info("worker stopped")
}

func loop(ctx context.Context, logger *log.Logger, s scheduled) {
	l := logger.With("job", s.job.Name())
	t := time.NewTicker(s.every)
	defer t.Stop()
	for {
		start := time.Now()
		if err := runSafely(ctx, s.job); err != nil {
			l.Error("job failed", "err", err, "dur", time.Since(start))
		} else {
			l.Debug("job ok", "dur", time.Since(start))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func runSafely(ctx context.Context, j Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError{p}
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	return j.Run(ctx)
}

type panicError struct{ v any }

func (p panicError) Error() string { return fmt.Sprintf("panic in job: %v", p.v) }
