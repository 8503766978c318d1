package events

import (
	"context"
	"database/sql"
	"time"

	"quill.dev/academy/pkg/platform/db"
	"quill.dev/academy/pkg/platform/log"
)

func init() {
	db.Register(db.Migration{Version: 1, Owner: "platform", SQL: `
CREATE TABLE outbox_events (
	id TEXT PRIMARY KEY,
	type TEXT NOT NULL,
	payload JSONB NOT NULL,
	occurred_at TIMESTAMPTZ NOT NULL,
	delivered_at TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox_events (occurred_at) WHERE delivered_at IS NULL;`})
}

// Outbox persists events so they are published only if the surrounding
// transaction commits.
type Outbox struct{ q db.Querier }

// NewOutbox returns an outbox writing through q (a *sql.DB or *sql.Tx).
func NewOutbox(q db.Querier) *Outbox { return &Outbox{q: q} }

// Publish implements Publisher by inserting into outbox_events.
func (o *Outbox) Publish(ctx context.Context, e Event) error {
	_, err := o.q.ExecContext(ctx,
		`INSERT INTO outbox_events (id, type, payload, occurred_at) VALUES ($1, $2, $3, $4)`,
		e.ID, e.Type, []byte(e.Payload), e.OccurredAt)
	return err
}

// Relay moves events from the outbox to the bus.
type Relay struct {
	Pool     *sql.DB
	Bus      *Bus
	Batch    int
	Interval time.Duration
}

// Run polls until ctx is done.
func (r *Relay) Run(ctx context.Context) error {
	if r.Batch == 0 {
		r.Batch = 100
	}
	if r.Interval == 0 {
		r.Interval = time.Second
	}
	t := time.NewTicker(r.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if n, err := r.drain(ctx); err != nil {
				log.From(ctx).Error("outbox relay", "err", err)
			} else if n > 0 {
				log.From(ctx).Debug("outbox relayed", "n", n)
			}
		}
	}
}

func (r *Relay) drain(ctx context.Context) (int, error) {
	rows, err := r.Pool.QueryContext(ctx, `SELECT id, type, payload, occurred_at FROM outbox_events
		WHERE delivered_at IS NULL ORDER BY occurred_at LIMIT $1 FOR UPDATE SKIP LOCKED`, r.Batch)
	if err != nil {
		return 0, err
	}
	var batch []Event
	for rows.Next() {
		var e Event
		var payload []byte
		if err := rows.Scan(&e.ID, &e.Type, &payload, &e.OccurredAt); err != nil {
			rows.Close()
			return 0, err
		}
		e.Payload = payload
		batch = append(batch, e)
	}
	rows.Close()
	for _, e := range batch {
		_ = r.Bus.Publish(ctx, e)
		if _, err := r.Pool.ExecContext(ctx, `UPDATE outbox_events SET delivered_at = now() WHERE id = $1`, e.ID); err != nil {
			return 0, err
		}
	}
	return len(batch), nil
}
