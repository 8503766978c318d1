// Package messaging contains the outbox dispatcher job.
package messaging

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/k12district/sis/notify"
	"github.com/k12district/sis/repositories/messages"
)

const maxAttempts = 6

type Dispatcher struct {
	Messages *messages.Store
	Router   notify.Router
	Log      *slog.Logger
	Batch    int
}

func (d *Dispatcher) Name() string { return "messaging.dispatch" }

func (d *Dispatcher) Run(ctx context.Context) error {
	batch := d.Batch
	if batch == 0 {
		batch = 200
	}
	msgs, err := d.Messages.ClaimBatch(ctx, batch)
	if err != nil {
		return err
	}
	var sent, failed int
	for _, m := range msgs {
		pid, err := d.Router.Send(ctx, m.Channel, m.Recipient, m.Subject, m.Body)
		if err == nil {
			if err := d.Messages.MarkSent(ctx, m.ID, pid); err != nil {
				return err
			}
			sent++
			continue
		}
		failed++
		var perm *notify.PermanentError
		giveUp := errors.As(err, &perm) || m.Attempts+1 >= maxAttempts
		if err := d.Messages.MarkRetry(ctx, m.ID, time.Now().Add(backoff(m.Attempts)), err.Error(), giveUp); err != nil {
			return err
		}
	}
	if len(msgs) > 0 {
		d.Log.Info("dispatched messages", "sent", sent, "failed", failed)
	}
	return nil
}

// backoff: 1m, 4m, 16m, 64m, then capped at 4h.
func backoff(attempts int) time.Duration {
	d := time.Minute
	for i := 0; i < attempts; i++ {
		d *= 4
	}
	return min(d, 4*time.Hour)
}
