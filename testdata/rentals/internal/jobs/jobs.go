// Package jobs runs periodic background jobs and records each run.
package jobs

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"time"

	"github.com/keystoneprop/platform/internal/logging"
)

type Job interface {
	Name() string
	Run(ctx context.Context) error
}

type Func struct {
	N string
	F func(ctx context.Context) error
}

func (f Func) Name() string                  { return f.N }
func (f Func) Run(ctx context.Context) error { return f.F(ctx) }

type entry struct {
	job   Job
	every time.Duration
}

type Runner struct {
	conn    *sql.DB
	log     *slog.Logger
	entries []entry
}

func NewRunner(conn *sql.DB, log *slog.Logger) *Runner {
	return &Runner{conn: conn, log: log}
}

func (r *Runner) Every(d time.Duration, j Job) { r.entries = append(r.entries, entry{j, d}) }

// Start launches each job on its own ticker and blocks until ctx is done.
func (r *Runner) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, e := range r.entries {
		wg.Add(1)
		go func(e entry) {
			defer wg.Done()
			t := time.NewTicker(e.every)
			defer t.Stop()
			for {
				r.runOnce(ctx, e.job)
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

func (r *Runner) runOnce(ctx context.Context, j Job) {
	// advisory lock so only one worker replica runs a given job
	var got bool
	if err := r.conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(hashtext($1))`, j.Name()).Scan(&got); err != nil || !got {
		return
	}
	defer r.conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext($1))`, j.Name())

	start := time.Now()
	jctx := logging.With(ctx, r.log.With("job", j.Name()))
	err := j.Run(jctx)
	status, msg := "ok", ""
	if err != nil {
		status, msg = "error", err.Error()
		r.log.Error("job failed", "job", j.Name(), "err", err)
	}
	_, _ = r.conn.ExecContext(ctx,
		`INSERT INTO job_runs (job, started_at, duration_ms, status, error) VALUES ($1, $2, $3, $4, $5)`,
		j.Name(), start, time.Since(start).Milliseconds(), status, msg)
}
