// Package runner schedules periodic background jobs for cmd/worker. Jobs of
// every team live next to it under jobs/; the runner only knows the interface.
package runner

import (
	"context"
	"sync"
	"time"

	"quill.dev/academy/pkg/platform/clock"
	"quill.dev/academy/pkg/platform/log"
)

// Job is a periodic unit of background work.
type Job interface {
	Name() string
	Run(ctx context.Context, now time.Time) error
}

// Entry binds a job to an interval.
type Entry struct {
	Job   Job
	Every time.Duration
}

// Runner runs entries until its context is cancelled.
type Runner struct {
	Clock   clock.Clock
	Log     *log.Logger
	entries []Entry
}

// Add schedules job every d.
func (r *Runner) Add(job Job, every time.Duration) {
	r.entries = append(r.entries, Entry{Job: job, Every: every})
}

// Jobs returns the scheduled job names.
func (r *Runner) Jobs() []string {
	out := make([]string, len(r.entries))
	for i, e := range r.entries {
		out[i] = e.Job.Name()
	}
	return out
}

// RunOnce runs the named job immediately (admin tool).
func (r *Runner) RunOnce(ctx context.Context, name string) (bool, error) {
	for _, e := range r.entries {
		if e.Job.Name() == name {
			return true, e.Job.Run(ctx, r.Clock.Now())
		}
	}
	return false, nil
}

// Start blocks until ctx is done.
func (r *Runner) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, e := range r.entries {
		wg.Add(1)
		go func(e Entry) {
			defer wg.Done()
			t := time.NewTicker(e.Every)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					start := time.Now()
					err := e.Job.Run(log.WithContext(ctx, r.Log.With("job", e.Job.Name())), r.Clock.Now())
					if err != nil {
						r.Log.Error("job failed", "job", e.Job.Name(), "err", err)
						continue
					}
					r.Log.Info("job done", "job", e.Job.Name(), "dur_ms", time.Since(start).Milliseconds())
				}
			}
		}(e)
	}
	wg.Wait()
}
