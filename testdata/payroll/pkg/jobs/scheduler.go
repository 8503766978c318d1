// Package jobs runs periodic background jobs, optionally once per tenant.
package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/log"
)

// Schedule decides when a job is next due.
type Schedule interface {
	Next(after time.Time) time.Time
}

// Every runs at a fixed interval.
type Every time.Duration

// Next implements Schedule.
func (e Every) Next(after time.Time) time.Time { return after.Add(time.Duration(e)) }

// DailyAt runs once a day at the given UTC hour.
type DailyAt int

// Next implements Schedule.
func (h DailyAt) Next(after time.Time) time.Time {
	t := time.Date(after.Year(), after.Month(), after.Day(), int(h), 0, 0, 0, time.UTC)
	if !t.After(after) {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// MonthlyOn runs on the given day of month at 02:00 UTC.
type MonthlyOn int

// Next implements Schedule.
func (d MonthlyOn) Next(after time.Time) time.Time {
	t := time.Date(after.Year(), after.Month(), int(d), 2, 0, 0, 0, time.UTC)
	if !t.After(after) {
		t = t.AddDate(0, 1, 0)
	}
	return t
}

// Job is a unit of scheduled work.
type Job interface {
	Name() string
	Schedule() Schedule
	Run(ctx context.Context) error
}

// TenantJob is run once for each active tenant.
type TenantJob interface {
	Name() string
	Schedule() Schedule
	RunTenant(ctx context.Context, tenantID string) error
}

// TenantLister lists active tenants.
type TenantLister interface {
	ActiveTenantIDs(ctx context.Context) ([]string, error)
}

// Scheduler drives jobs.
type Scheduler struct {
	tenants TenantLister
	mu      sync.Mutex
	jobs    []Job
	next    map[string]time.Time
	tick    time.Duration
}

// NewScheduler builds a Scheduler. Only one worker replica runs jobs.
func NewScheduler(tenants TenantLister, tick time.Duration) *Scheduler {
	return &Scheduler{tenants: tenants, next: map[string]time.Time{}, tick: tick}
}

// Add registers a job.
func (s *Scheduler) Add(j Job) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs = append(s.jobs, j)
	s.next[j.Name()] = j.Schedule().Next(time.Now().UTC())
}

// AddTenant registers a per-tenant job.
func (s *Scheduler) AddTenant(j TenantJob) { s.Add(&fanout{j: j, tenants: s.tenants}) }

// Run loops until ctx is done.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			s.runDue(ctx, now.UTC())
		}
	}
}

// RunNow runs a job by name immediately.
func (s *Scheduler) RunNow(ctx context.Context, name string) error {
	for _, j := range s.jobs {
		if j.Name() == name {
			return j.Run(ctx)
		}
	}
	return nil
}

func (s *Scheduler) runDue(ctx context.Context, now time.Time) {
	s.mu.Lock()
	var due []Job
	for _, j := range s.jobs {
		if !now.Before(s.next[j.Name()]) {
			due = append(due, j)
			s.next[j.Name()] = j.Schedule().Next(now)
		}
	}
	s.mu.Unlock()
	for _, j := range due {
		start := time.Now()
		jctx := log.With(ctx, "job", j.Name())
		if err := j.Run(jctx); err != nil {
			log.Error(jctx, "job failed", err)
		} else {
			log.Info(jctx, "job done", "dur", time.Since(start))
		}
	}
}

type fanout struct {
	j       TenantJob
	tenants TenantLister
}

func (f *fanout) Name() string       { return f.j.Name() }
func (f *fanout) Schedule() Schedule { return f.j.Schedule() }
func (f *fanout) Run(ctx context.Context) error {
	ids, err := f.tenants.ActiveTenantIDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		tctx := log.With(auth.SystemContext(ctx, id), "tenant", id)
		if err := f.j.RunTenant(tctx, id); err != nil {
			log.Error(tctx, "tenant job failed", err)
		}
	}
	return nil
}
