package app

import (
	"context"
	"time"

	"tablecraft.io/ops/util"
)

// Job is a periodic background task.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

// Jobs lists the worker's periodic jobs.
func (a *App) Jobs() []Job {
	yesterday := func() time.Time {
		return util.BusinessDate(time.Now(), a.Cfg.BusinessDayCutoverHour).AddDate(0, 0, -1)
	}
	return []Job{
		{"outbox-relay", a.Cfg.WorkerInterval, func(ctx context.Context) error {
			_, err := a.Outbox.Relay(ctx, a.Bus, 500)
			return err
		}},
		{"reservation-reminders", 5 * time.Minute, func(ctx context.Context) error {
			_, err := a.Booking.SendReminders(ctx)
			return err
		}},
		{"no-show-sweep", 5 * time.Minute, func(ctx context.Context) error {
			_, err := a.Booking.SweepNoShows(ctx)
			return err
		}},
		{"partner-menu-sync", 15 * time.Minute, a.MenuSync.Run},
		{"daily-sales-rollup", time.Hour, func(ctx context.Context) error {
			_, err := a.Reports.Rollup(ctx, yesterday())
			return err
		}},
		{"tip-pool", time.Hour, func(ctx context.Context) error {
			locs, err := a.Stores.Active(ctx)
			if err != nil {
				return err
			}
			for _, l := range locs {
				if _, err := a.Tips.Run(ctx, l.ID, yesterday()); err != nil {
					return err
				}
			}
			return nil
		}},
	}
}

// RunJobs runs every job on its own ticker until ctx is cancelled.
func (a *App) RunJobs(ctx context.Context) {
	done := make(chan struct{})
	jobs := a.Jobs()
	for _, j := range jobs {
		go func(j Job) {
			defer func() { done <- struct{}{} }()
			t := time.NewTicker(j.Every)
			defer t.Stop()
			for {
				start := time.Now()
				if err := j.Run(ctx); err != nil {
					a.Log.Errorf("job %s: %v", j.Name, err)
				} else {
					a.Log.Debugf("job %s ok in %s", j.Name, time.Since(start))
				}
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}(j)
	}
	for range jobs {
		<-done
	}
}
