// Package collections holds the collections case sync job.
package collections

import (
	"context"
	"log/slog"

	"lendwise.io/platform/collections"
)

// SyncJob opens and cures cases, then checks promises to pay.
type SyncJob struct {
	Svc *collections.Service
	Log *slog.Logger
}

func (j *SyncJob) Name() string { return "collections.sync" }

func (j *SyncJob) Run(ctx context.Context) error {
	opened, cured, err := j.Svc.Sync(ctx)
	if err != nil {
		return err
	}
	kept, broken, err := j.Svc.CheckPromises(ctx)
	j.Log.Info("collections sync", "opened", opened, "cured", cured, "promises_kept", kept, "promises_broken", broken)
	return err
}
