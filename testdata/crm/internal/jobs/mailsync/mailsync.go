// Package mailsync holds the email background jobs: mailbox sync and
// sending due sequence steps.
package mailsync

import (
	"context"
	"log/slog"
	"time"

	"pipelinelabs.io/crm/internal/email/sequences"
	"pipelinelabs.io/crm/internal/email/sync"
)

// SyncJob syncs mailboxes that are due.
type SyncJob struct {
	Syncer   *sync.Syncer
	Interval time.Duration
}

func (j *SyncJob) Name() string { return "email.sync" }

func (j *SyncJob) Run(ctx context.Context) error {
	_, err := j.Syncer.SyncDue(ctx, j.Interval, 100)
	return err
}

// SequenceJob sends due sequence emails.
type SequenceJob struct {
	Sequences *sequences.Service
	Log       *slog.Logger
}

func (j *SequenceJob) Name() string { return "email.sequences" }

func (j *SequenceJob) Run(ctx context.Context) error {
	n, err := j.Sequences.RunDue(ctx, 200)
	if n > 0 {
		j.Log.Info("sequence emails sent", "count", n)
	}
	return err
}
