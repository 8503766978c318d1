// Package applications holds background jobs for loan applications.
package applications

import (
	"context"
	"log/slog"

	"lendwise.io/platform/internal/applications"
)

// ExpireJob expires approved applications whose offer window has lapsed.
type ExpireJob struct {
	Apps *applications.Service
	Log  *slog.Logger
}

func (j *ExpireJob) Name() string { return "applications.expire" }

func (j *ExpireJob) Run(ctx context.Context) error {
	n, err := j.Apps.ExpireStale(ctx)
	if n > 0 {
		j.Log.Info("expired stale applications", "count", n)
	}
	return err
}
