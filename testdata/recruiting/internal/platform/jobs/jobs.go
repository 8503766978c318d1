// Package jobs runs periodic background jobs with overlap protection.
package jobs

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Job is a named periodic task.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

type Runner struct {
	logger *slog.Logger
	jobs   []Job
}

func NewRunner(logger *slog.Logger) *Runner { return &Runner{logger: logger} }

func (r *Runner) Register(j Job) { r.jobs = append(r.jobs, j) }

// Start runs every job on its own ticker until ctx is cancelled.
func (r *Runner) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, j := range r.jobs {
		wg.Add(1)
		go func(j Job) {
			defer wg.Done()
			r.loop(ctx, j)
		}(j)
	}
	wg.Wait()
}

func (r *Runner) loop(ctx context.Context, j Job) {
	t := time.NewTicker(j.Every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r.exec(ctx, j)
		}
	}
}

func (r *Runner) exec(ctx context.Context, j Job) {
	start := time.Now()
	jctx, cancel := context.WithTimeout(ctx, j.Every)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			r.logger.Error("job panicked", "job", j.Name, "panic", p)
		}
	}()
	if err := j.Run(jctx); err != nil {
		r.logger.Error("job failed", "job", j.Name, "err", err, "took", time.Since(start))
		return
	}
	r.logger.Debug("job done", "job", j.Name, "took", time.Since(start))
}
