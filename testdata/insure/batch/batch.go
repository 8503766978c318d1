// Package batch is the tiny job runner used by the nightly binary and the
// admin CLI. Each job records a row in batch_runs so that operations can see
// what ran and rerun failures.
package batch

import (
	"context"
	"fmt"
	"sort"
	"time"

	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/log"
)

// Job is a unit of nightly work.
type Job interface {
	Name() string
	Run(ctx context.Context, asOf time.Time) (Result, error)
}

// Result is what a job reports.
type Result struct {
	Processed int
	Failed    int
	Notes     string
}

// Func adapts a function to Job.
type Func struct {
	JobName string
	Fn      func(ctx context.Context, asOf time.Time) (Result, error)
}

func (f Func) Name() string { return f.JobName }
func (f Func) Run(ctx context.Context, asOf time.Time) (Result, error) {
	return f.Fn(ctx, asOf)
}

// Runner runs registered jobs in order.
type Runner struct {
	db    *db.DB
	clock dates.Clock
	jobs  []registered
	log   *log.Logger
}

type registered struct {
	order int
	job   Job
}

func NewRunner(pool *db.DB, clock dates.Clock) *Runner {
	return &Runner{db: pool, clock: clock, log: log.New("batch")}
}

// Register adds a job; lower order runs first.
func (r *Runner) Register(order int, j Job) {
	r.jobs = append(r.jobs, registered{order, j})
	sort.SliceStable(r.jobs, func(a, b int) bool { return r.jobs[a].order < r.jobs[b].order })
}

// Names lists registered jobs.
func (r *Runner) Names() []string {
	out := make([]string, len(r.jobs))
	for i, j := range r.jobs {
		out[i] = j.job.Name()
	}
	return out
}

// RunAll runs every job, continuing past failures.
func (r *Runner) RunAll(ctx context.Context) error {
	var failed []string
	for _, j := range r.jobs {
		if err := r.run(ctx, j.job); err != nil {
			failed = append(failed, j.job.Name())
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("batch: %d job(s) failed: %v", len(failed), failed)
	}
	return nil
}

// RunOne runs the named job.
func (r *Runner) RunOne(ctx context.Context, name string) error {
	for _, j := range r.jobs {
		if j.job.Name() == name {
			return r.run(ctx, j.job)
		}
	}
	return fmt.Errorf("batch: no job named %q", name)
}

func (r *Runner) run(ctx context.Context, j Job) error {
	asOf := dates.Today(r.clock)
	start := time.Now()
	lg := r.log.With("job", j.Name(), "as_of", asOf.Format(dates.Layout))
	lg.Info("job starting")
	res, err := j.Run(ctx, asOf)
	status := "OK"
	if err != nil {
		status = "FAILED"
		lg.Error("job failed", err)
	}
	lg.Info("job finished", "processed", res.Processed, "failed", res.Failed, "took", time.Since(start).String())
	_, dbErr := r.db.ExecContext(ctx,
		`INSERT INTO batch_runs (job, as_of, status, processed, failed, notes, started_at, finished_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
		j.Name(), asOf, status, res.Processed, res.Failed, res.Notes, start)
	if dbErr != nil {
		lg.Error("could not record batch run", dbErr)
	}
	return err
}
