// Package queue runs periodic background jobs in the worker.
package queue

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Job is a unit of periodic background work.
type Job interface {
	Name() string
	Run(ctx context.Context) error
}

// JobFunc adapts a function to Job.
type JobFunc struct {
	N  string
	Fn func(ctx context.Context) error
}

func (j JobFunc) Name() string                  { return j.N }
func (j JobFunc) Run(ctx context.Context) error { return j.Fn(ctx) }

type entry struct {
	job      Job
	interval time.Duration
	locked   bool
}

// Scheduler runs jobs on fixed intervals.
type Scheduler struct {
	log     *slog.Logger
	db      *sql.DB
	entries []entry
}

// NewScheduler builds a scheduler. db may be nil (no cross-process locks).
func NewScheduler(log *slog.Logger, db *sql.DB) *Scheduler {
	return &Scheduler{log: log, db: db}
}

// Every runs job every interval on all workers.
func (s *Scheduler) Every(interval time.Duration, job Job) {
	s.entries = append(s.entries, entry{job: job, interval: interval})
}

// Singleton runs job every interval on at most one worker at a time,
// using a Postgres advisory lock.
func (s *Scheduler) Singleton(interval time.Duration, job Job) {
	s.entries = append(s.entries, entry{job: job, interval: interval, locked: true})
}

// Start blocks until ctx is done.
func (s *Scheduler) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, e := range s.entries {
		wg.Go(func() { s.loop(ctx, e) })
	}
	s.log.Info("scheduler started", "jobs", len(s.entries))
	wg.Wait()
}

func (s *Scheduler) loop(ctx context.Context, e entry) {
	t := time.NewTicker(e.interval)
	defer t.Stop()
	for {
		s.runOnce(ctx, e)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Scheduler) runOnce(ctx context.Context, e entry) {
	log := s.log.With("job", e.job.Name())
	defer func() {
		if p := recover(); p != nil {
			log.Error("job panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	if e.locked && s.db != nil {
		ok, release, err := tryLock(ctx, s.db, e.job.Name())
		if err != nil {
			log.Warn("lock failed", "err", err)
			return
		}
		if !ok {
			return
		}
		defer release()
	}
	start := time.Now()
	if err := e.job.Run(ctx); err != nil {
		log.Error("job failed", "err", err, "dur_ms", time.Since(start).Milliseconds())
		return
	}
	log.Debug("job done", "dur_ms", time.Since(start).Milliseconds())
}

func tryLock(ctx context.Context, db *sql.DB, name string) (bool, func(), error) {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	key := int64(h.Sum64() >> 1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, nil, err
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil || !ok {
		conn.Close()
		return false, nil, err
	}
	return true, func() {
		_, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
		conn.Close()
	}, nil
}
