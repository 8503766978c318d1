// Package jobs runs periodic background jobs with a database advisory lock.
package jobs

import (
	"context"
	"database/sql"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"
)

// Job is one unit of periodic work.
type Job struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context) error
}

// Runner schedules jobs.
type Runner struct {
	db     *sql.DB
	logger *slog.Logger
	jobs   []Job
}

func NewRunner(db *sql.DB, l *slog.Logger) *Runner { return &Runner{db: db, logger: l} }

func (r *Runner) Add(j Job) { r.jobs = append(r.jobs, j) }

func lockKey(name string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return int64(h.Sum64() >> 1)
}

func (r *Runner) runOnce(ctx context.Context, j Job) {
	if r.db != nil {
		var got bool
		if err := r.db.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, lockKey(j.Name)).Scan(&got); err != nil || !got {
			return
		}
		defer r.db.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, lockKey(j.Name))
	}
	start := time.Now()
	if err := j.Run(ctx); err != nil {
		r.logger.Error("job failed", "job", j.Name, "err", err)
		return
	}
	r.logger.Info("job done", "job", j.Name, "dur", time.Since(start))
}

// Start runs every job on its interval until ctx is cancelled.
func (r *Runner) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, j := range r.jobs {
		wg.Add(1)
		go func(j Job) {
			defer wg.Done()
			t := time.NewTicker(j.Interval)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					r.runOnce(ctx, j)
				}
			}
		}(j)
	}
	wg.Wait()
}
