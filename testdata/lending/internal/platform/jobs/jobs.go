// Package jobs runs periodic background jobs with a per-job advisory lock.
package jobs

import (
	"context"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"lendwise.io/platform/internal/platform/db"
)

// Job is one unit of periodic work.
type Job interface {
	Name() string
	Run(ctx context.Context) error
}

type entry struct {
	job   Job
	every time.Duration
}

// Runner schedules jobs.
type Runner struct {
	db      *db.DB
	log     *slog.Logger
	entries []entry
}

func NewRunner(d *db.DB, log *slog.Logger) *Runner { return &Runner{db: d, log: log} }

// Every registers j to run at interval d.
func (r *Runner) Every(d time.Duration, j Job) {
	r.entries = append(r.entries, entry{job: j, every: d})
}

// Run blocks until ctx is cancelled.
func (r *Runner) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, e := range r.entries {
		wg.Add(1)
		go func(e entry) {
			defer wg.Done()
			t := time.NewTicker(e.every)
			defer t.Stop()
			for {
				r.once(ctx, e.job)
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

func (r *Runner) once(ctx context.Context, j Job) {
	key := lockKey(j.Name())
	ok, err := r.db.TryLock(ctx, key)
	if err != nil || !ok {
		r.log.Debug("job skipped", "job", j.Name(), "err", err)
		return
	}
	defer func() { _ = r.db.Unlock(context.WithoutCancel(ctx), key) }()
	start := time.Now()
	if err := j.Run(ctx); err != nil {
		r.log.Error("job failed", "job", j.Name(), "err", err)
		return
	}
	r.log.Info("job done", "job", j.Name(), "dur", time.Since(start))
}

func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64() >> 1)
}
