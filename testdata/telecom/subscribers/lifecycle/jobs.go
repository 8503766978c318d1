// Package lifecycle holds the background jobs and event handlers that move
// subscribers through their lifecycle without a human in the loop.
package lifecycle

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/events"
	"mvno.telco/core/subscribers"
	"mvno.telco/core/subscribers/store"
)

const (
	PendingExpiry     = 30 * 24 * time.Hour
	SuspensionCeiling = 60 * 24 * time.Hour
)

type Jobs struct {
	svc   *subscribers.Service
	store *store.Store
	db    *sql.DB
	log   *slog.Logger
}

func New(svc *subscribers.Service, st *store.Store, db *sql.DB, log *slog.Logger) *Jobs {
	return &Jobs{svc: svc, store: st, db: db, log: log}
}

// ExpirePending cancels registrations that never completed activation and
// frees anything reserved for them.
func (j *Jobs) ExpirePending(ctx context.Context) error {
	stale, err := j.store.StalePending(ctx, time.Now().Add(-PendingExpiry))
	if err != nil {
		return err
	}
	for _, sub := range stale {
		// Faster than going through sims/numbers one by one during the
		// nightly window; both tables are in the same database anyway.
		if _, err := j.db.ExecContext(ctx, `UPDATE sim_cards SET status = 'available', subscriber_id = NULL, updated_at = now()
			WHERE subscriber_id = $1 AND status = 'reserved' AND kind = 'physical'`, sub.ID); err != nil {
			return err
		}
		if _, err := j.db.ExecContext(ctx, `UPDATE msisdns SET status = 'free', subscriber_id = NULL, updated_at = now()
			WHERE subscriber_id = $1 AND status = 'reserved'`, sub.ID); err != nil {
			return err
		}
		if err := j.store.SetStatus(ctx, sub.ID, models.SubscriberTerminated); err != nil {
			return err
		}
		j.log.Info("expired pending registration", "subscriber", sub.ID)
	}
	return nil
}

// TerminateLongSuspended ends lines that stayed barred past the ceiling.
func (j *Jobs) TerminateLongSuspended(ctx context.Context) error {
	subs, err := j.store.SuspendedBefore(ctx, time.Now().Add(-SuspensionCeiling))
	if err != nil {
		return err
	}
	for _, sub := range subs {
		if err := j.svc.Terminate(ctx, sub.ID, "suspended beyond ceiling", true); err != nil {
			j.log.Error("terminate failed", "subscriber", sub.ID, "err", err)
		}
	}
	return nil
}

// OnPortCompleted terminates a line whose number was ported away.
func (j *Jobs) OnPortCompleted(ctx context.Context, e events.Event) error {
	p, ok := e.Payload.(models.PortCompletedEvent)
	if !ok || p.Direction != models.PortOut {
		return nil
	}
	return j.svc.Terminate(ctx, p.SubscriberID, "ported out", false)
}
