// Package scheduler runs periodic background jobs.
package scheduler

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

type Scheduler struct {
	jobs []Job
	log  *slog.Logger
}

func New(log *slog.Logger) *Scheduler { return &Scheduler{log: log} }

func (s *Scheduler) Add(j Job) { s.jobs = append(s.jobs, j) }

// Run starts all jobs and blocks until ctx is cancelled. A job never
// overlaps with itself.
func (s *Scheduler) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, j := range s.jobs {
		wg.Add(1)
		go func(j Job) {
			defer wg.Done()
			t := time.NewTicker(j.Every)
			defer t.Stop()
			for {
				s.runOnce(ctx, j)
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}(j)
	}
	wg.Wait()
}

func (s *Scheduler) runOnce(ctx context.Context, j Job) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("job panicked", "job", j.Name, "panic", p)
		}
	}()
	if err := j.Run(ctx); err != nil {
		s.log.Error("job failed", "job", j.Name, "err", err)
		return
	}
	s.log.Debug("job done", "job", j.Name, "dur_ms", time.Since(start).Milliseconds())
}
