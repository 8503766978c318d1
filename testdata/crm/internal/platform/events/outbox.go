package events

import (
	"context"
	"database/sql"
	"log/slog"
	"time"

	"pipelinelabs.io/crm/internal/platform/db"
)

// Migrations creates the outbox table.
var Migrations = []db.Migration{
	{Name: "platform_001_event_outbox", Up: `CREATE TABLE event_outbox (
		id TEXT PRIMARY KEY,
		topic TEXT NOT NULL,
		tenant_id TEXT NOT NULL,
		actor_id TEXT,
		payload JSONB NOT NULL,
		occurred_at TIMESTAMPTZ NOT NULL,
		relayed_at TIMESTAMPTZ
	);
	CREATE INDEX event_outbox_pending ON event_outbox (occurred_at) WHERE relayed_at IS NULL;`},
}

// Outbox persists events for the worker to relay.
type Outbox struct{ DB *sql.DB }

// Publish implements Publisher.
func (o *Outbox) Publish(ctx context.Context, topic string, payload any) error {
	e, err := New(ctx, topic, payload)
	if err != nil {
		return err
	}
	_, err = o.DB.ExecContext(ctx, `INSERT INTO event_outbox (id, topic, tenant_id, actor_id, payload, occurred_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.ID, e.Topic, e.TenantID, db.NullString(string(e.ActorID)), []byte(e.Payload), e.OccurredAt)
	return err
}

// Relay moves outbox rows onto a local bus.
type Relay struct {
	DB    *sql.DB
	Bus   *Bus
	Log   *slog.Logger
	Batch int
}

// Name implements queue.Job.
func (r *Relay) Name() string { return "events.relay" }

// Run relays one batch.
func (r *Relay) Run(ctx context.Context) error {
	batch := r.Batch
	if batch == 0 {
		batch = 200
	}
	rows, err := r.DB.QueryContext(ctx, `SELECT id, topic, tenant_id, COALESCE(actor_id, ''), payload, occurred_at
		FROM event_outbox WHERE relayed_at IS NULL ORDER BY occurred_at LIMIT $1`, batch)
	if err != nil {
		return err
	}
	var evs []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Topic, &e.TenantID, &e.ActorID, &e.Payload, &e.OccurredAt); err != nil {
			rows.Close()
			return err
		}
		evs = append(evs, e)
	}
	rows.Close()
	for _, e := range evs {
		_ = r.Bus.Dispatch(ctx, e)
		if _, err := r.DB.ExecContext(ctx, `UPDATE event_outbox SET relayed_at = $2 WHERE id = $1`, e.ID, time.Now().UTC()); err != nil {
			return err
		}
	}
	if len(evs) > 0 {
		r.Log.Debug("relayed events", "count", len(evs))
	}
	return nil
}
