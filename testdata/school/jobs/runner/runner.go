// Package runner is the tiny replacement for Sidekiq-cron: it runs
// registered jobs on fixed intervals and records each run in job_runs.
package runner

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"time"
)

type Job interface {
	Name() string
	Run(ctx context.Context) error
}

type entry struct {
	job   Job
	every time.Duration
}

type Runner struct {
	db      *sql.DB
	log     *slog.Logger
	entries []entry
}

func New(db *sql.DB, log *slog.Logger) *Runner {
	return &Runner{db: db, log: log}
}

func (r *Runner) Every(d time.Duration, j Job) {
	r.entries = append(r.entries, entry{job: j, every: d})
}

func (r *Runner) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, e := range r.entries {
		wg.Add(1)
		go func(e entry) {
			defer wg.Done()
			t := time.NewTicker(e.every)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					_ = r.RunOnce(ctx, e.job)
				}
			}
		}(e)
	}
	wg.Wait()
}

// RunOnce runs a job under a Postgres advisory lock so two workers never
// run the same job at the same time.
func (r *Runner) RunOnce(ctx context.Context, j Job) error {
	var got bool
	if err := r.db.QueryRowContext(ctx,
		`SELECT pg_try_advisory_lock(hashtext($1))`, j.Name()).Scan(&got); err != nil {
		return err
	}
	if !got {
		return nil
	}
	defer r.db.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext($1))`, j.Name())

	var runID int64
	if err := r.db.QueryRowContext(ctx,
		`INSERT INTO job_runs (job_name, started_at, status) VALUES ($1, now(), 'running') RETURNING id`,
		j.Name()).Scan(&runID); err != nil {
		return err
	}
	err := j.Run(ctx)
	status, msg := "ok", ""
	if err != nil {
		status, msg = "failed", err.Error()
		r.log.Error("job failed", "job", j.Name(), "err", err)
	}
	_, uerr := r.db.ExecContext(ctx,
		`UPDATE job_runs SET finished_at = now(), status = $2, error = $3 WHERE id = $1`,
		runID, status, msg)
	if err != nil {
		return err
	}
	return uerr
}
