// Package notifications holds the outbox dispatcher job.
package notifications

import (
	"context"

	"lendwise.io/platform/notifications"
)

// DispatchJob drains queued messages.
type DispatchJob struct {
	Svc   *notifications.Service
	Batch int
}

func (j *DispatchJob) Name() string { return "notifications.dispatch" }

func (j *DispatchJob) Run(ctx context.Context) error {
	for {
		n, err := j.Svc.Dispatch(ctx, j.Batch)
		if err != nil || n < j.Batch {
			return err
		}
	}
}
