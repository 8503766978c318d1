// Package sched runs periodic jobs in the worker process. It is not a
// distributed scheduler: run exactly one worker.
package sched

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"gitlab.com/roadrunner/fleet/lib/xlog"
)

// Job is one unit of periodic work.
type Job interface {
	Name() string
	Run(ctx context.Context) error
}

// Func adapts a function to Job.
type Func struct {
	N  string
	Fn func(ctx context.Context) error
}

func (f Func) Name() string                  { return f.N }
func (f Func) Run(ctx context.Context) error { return f.Fn(ctx) }

type entry struct {
	job   Job
	every time.Duration
}

// Runner runs registered jobs on their own tickers.
type Runner struct {
	log  *slog.Logger
	jobs []entry
	wg   sync.WaitGroup
}

// NewRunner creates a runner.
func NewRunner() *Runner {
	return &Runner{log: xlog.Named("sched")}
}

// Every registers job to run every d.
func (r *Runner) Every(d time.Duration, job Job) { r.jobs = append(r.jobs, entry{job, d}) }

// Start launches all jobs and blocks until ctx is done.
func (r *Runner) Start(ctx context.Context) {
	for _, e := range r.jobs {
		r.wg.Go(func() {
			t := time.NewTicker(e.every)
			defer t.Stop()
			for {
				r.RunOnce(ctx, e.job)
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		})
	}
	<-ctx.Done()
	r.wg.Wait()
}

// RunOnce runs a job once, logging its outcome and recovering panics.
func (r *Runner) RunOnce(ctx context.Context, job Job) {
	start := time.Now()
	log := r.log.With("job", job.Name())
	defer func() {
		if p := recover(); p != nil {
			log.Error("job panicked", "panic", p)
		}
	}()
	if err := job.Run(xlog.With(ctx, log)); err != nil {
		log.Error("job failed", "err", err, "took", time.Since(start))
	}
}
