// Package jobs runs periodic background jobs, one instance cluster-wide,
// guarded by PostgreSQL advisory locks.
package jobs

import (
	"context"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"citylib.org/ils/db"
)

type Job struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context) error
}

type Scheduler struct {
	db   *db.DB
	log  *slog.Logger
	jobs []Job
}

func NewScheduler(d *db.DB, log *slog.Logger) *Scheduler {
	return &Scheduler{db: d, log: log}
}

func (s *Scheduler) Add(j Job) { s.jobs = append(s.jobs, j) }

// Start runs every job on its interval until ctx is cancelled.
func (s *Scheduler) Start(ctx context.Context) {
	var wg sync.WaitGroup
	for _, j := range s.jobs {
		wg.Add(1)
		go func(j Job) {
			defer wg.Done()
			t := time.NewTicker(j.Interval)
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

func (s *Scheduler) runOnce(ctx context.Context, j Job) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		s.log.Error("job: no connection", "job", j.Name, "err", err)
		return
	}
	defer conn.Close()
	key := lockKey(j.Name)
	ok, err := s.db.TryAdvisoryLock(ctx, conn, key)
	if err != nil || !ok {
		return
	}
	defer func() { _ = s.db.AdvisoryUnlock(context.Background(), conn, key) }()

	start := time.Now()
	if err := j.Run(ctx); err != nil {
		s.log.Error("job failed", "job", j.Name, "err", err, "took", time.Since(start))
		return
	}
	s.log.Info("job done", "job", j.Name, "took", time.Since(start))
}

func lockKey(name string) int64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte("ils-job:" + name))
	return int64(h.Sum64() >> 1)
}
