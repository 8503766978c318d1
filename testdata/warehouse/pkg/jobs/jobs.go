// Package jobs runs periodic background work with a Postgres advisory lock
// so that only one worker replica executes a given job at a time.
package jobs

import (
	"context"
	"database/sql"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"
)

type Func func(ctx context.Context) error

type job struct {
	name  string
	every time.Duration
	fn    Func
}

type Scheduler struct {
	db   *sql.DB
	log  *slog.Logger
	jobs []job
}

func NewScheduler(d *sql.DB, log *slog.Logger) *Scheduler { return &Scheduler{db: d, log: log} }

func (s *Scheduler) Every(name string, every time.Duration, fn Func) {
	s.jobs = append(s.jobs, job{name: name, every: every, fn: fn})
}

// Run blocks until ctx is cancelled.
func (s *Scheduler) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, j := range s.jobs {
		wg.Add(1)
		go func(j job) {
			defer wg.Done()
			t := time.NewTicker(j.every)
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

func (s *Scheduler) runOnce(ctx context.Context, j job) {
	h := fnv.New64a()
	_, _ = h.Write([]byte(j.name))
	key := int64(h.Sum64() & 0x7fffffffffffffff)
	conn, err := s.db.Conn(ctx)
	if err != nil {
		s.log.Error("job conn", "job", j.name, "err", err)
		return
	}
	defer conn.Close()
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil || !got {
		return
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key) //nolint:errcheck
	start := time.Now()
	err = j.fn(ctx)
	_, _ = conn.ExecContext(ctx, `
		INSERT INTO job_runs (job_name, started_at, duration_ms, error)
		VALUES ($1, $2, $3, $4)`, j.name, start, time.Since(start).Milliseconds(), errString(err))
	if err != nil {
		s.log.Error("job failed", "job", j.name, "err", err)
	}
}

func errString(err error) sql.NullString {
	if err == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: err.Error(), Valid: true}
}
