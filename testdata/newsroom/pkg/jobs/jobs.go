// Package jobs runs periodic background jobs.
package jobs

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

type Job interface {
	Name() string
	Run(ctx context.Context) error
}

type entry struct {
	job      Job
	interval time.Duration
}

type Scheduler struct {
	log     *slog.Logger
	entries []entry
}

func NewScheduler(log *slog.Logger) *Scheduler { return &Scheduler{log: log} }

func (s *Scheduler) Every(interval time.Duration, j Job) {
	s.entries = append(s.entries, entry{job: j, interval: interval})
}

// Start blocks until ctx is cancelled, running each job on its own ticker.
func (s *Scheduler) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, e := range s.entries {
		wg.Add(1)
		go func(e entry) {
			defer wg.Done()
			t := time.NewTicker(e.interval)
			defer t.Stop()
			for {
				s.runOnce(ctx, e.job)
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}(e)
	}
	wg.Wait()
}

func (s *Scheduler) runOnce(ctx context.Context, j Job) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("job panicked", "job", j.Name(), "panic", p)
		}
	}()
	if err := j.Run(ctx); err != nil {
		s.log.Error("job failed", "job", j.Name(), "err", err, "dur", time.Since(start))
		return
	}
	s.log.Debug("job ok", "job", j.Name(), "dur", time.Since(start))
}

// Func adapts a function to the Job interface.
type Func struct {
	N string
	F func(ctx context.Context) error
}

func (f Func) Name() string                  { return f.N }
func (f Func) Run(ctx context.Context) error { return f.F(ctx) }
