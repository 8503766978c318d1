// Package scheduler runs periodic background jobs, guarded by a Postgres
// advisory lock so that only one worker replica runs a given job at a time.
package scheduler

import (
	"context"
	"database/sql"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"
)

// Job is a periodic task.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

type Scheduler struct {
	db   *sql.DB
	log  *slog.Logger
	jobs []Job
}

func New(d *sql.DB, log *slog.Logger) *Scheduler { return &Scheduler{db: d, log: log} }

func (s *Scheduler) Add(j Job) { s.jobs = append(s.jobs, j) }

// Start blocks until ctx is cancelled.
func (s *Scheduler) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, j := range s.jobs {
		wg.Add(1)
		go func(j Job) {
			defer wg.Done()
			t := time.NewTicker(j.Every)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					s.runOnce(ctx, j)
				}
			}
		}(j)
	}
	wg.Wait()
}

func (s *Scheduler) runOnce(ctx context.Context, j Job) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		s.log.Error("scheduler: conn", "job", j.Name, "err", err)
		return
	}
	defer conn.Close()
	key := lockKey(j.Name)
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil || !got {
		return
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)

	start := time.Now()
	runErr := j.Run(ctx)
	status, msg := "ok", ""
	if runErr != nil {
		status, msg = "error", runErr.Error()
		s.log.Error("job failed", "job", j.Name, "err", runErr)
	}
	_, _ = conn.ExecContext(ctx,
		`INSERT INTO job_runs (job_name, started_at, duration_ms, status, error) VALUES ($1, $2, $3, $4, $5)`,
		j.Name, start, time.Since(start).Milliseconds(), status, msg)
}

func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64() >> 1)
}
