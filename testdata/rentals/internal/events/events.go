// Package events implements a transactional outbox and an in-process dispatcher.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/keystoneprop/platform/internal/db"
	"github.com/keystoneprop/platform/internal/ids"
	"github.com/keystoneprop/platform/internal/logging"
)

type Event struct {
	ID         string
	Type       string
	Payload    json.RawMessage
	OccurredAt time.Time
	Attempts   int
}

type Handler func(ctx context.Context, e Event) error

// Publish writes the event into event_outbox using q, which is normally the
// caller's transaction so the event commits atomically with the state change.
func Publish(ctx context.Context, q db.Querier, typ string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("marshal %s: %w", typ, err)
	}
	_, err = q.ExecContext(ctx,
		`INSERT INTO event_outbox (id, type, payload, occurred_at, attempts) VALUES ($1, $2, $3, $4, 0)`,
		ids.New(ids.Event), typ, b, time.Now().UTC())
	return err
}

type Dispatcher struct {
	conn     *sql.DB
	mu       sync.RWMutex
	handlers map[string][]Handler
	batch    int
}

func NewDispatcher(conn *sql.DB) *Dispatcher {
	return &Dispatcher{conn: conn, handlers: map[string][]Handler{}, batch: 100}
}

func (d *Dispatcher) Subscribe(typ string, h Handler) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.handlers[typ] = append(d.handlers[typ], h)
}

// Name implements jobs.Job.
func (d *Dispatcher) Name() string { return "events.dispatch" }

// Run drains one batch of undelivered events.
func (d *Dispatcher) Run(ctx context.Context) error {
	rows, err := d.conn.QueryContext(ctx, `
		SELECT id, type, payload, occurred_at, attempts
		FROM event_outbox
		WHERE dispatched_at IS NULL AND attempts < 10
		ORDER BY occurred_at
		LIMIT $1
		FOR UPDATE SKIP LOCKED`, d.batch)
	if err != nil {
		return err
	}
	var pending []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Type, &e.Payload, &e.OccurredAt, &e.Attempts); err != nil {
			rows.Close()
			return err
		}
		pending = append(pending, e)
	}
	rows.Close()
	log := logging.From(ctx)
	for _, e := range pending {
		d.mu.RLock()
		hs := d.handlers[e.Type]
		d.mu.RUnlock()
		var failed error
		for _, h := range hs {
			if err := h(ctx, e); err != nil {
				failed = err
				log.Warn("event handler failed", "event", e.Type, "id", e.ID, "err", err)
			}
		}
		if failed != nil {
			_, _ = d.conn.ExecContext(ctx,
				`UPDATE event_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, e.ID, failed.Error())
			continue
		}
		if _, err := d.conn.ExecContext(ctx,
			`UPDATE event_outbox SET dispatched_at = now() WHERE id = $1`, e.ID); err != nil {
			return err
		}
	}
	return nil
}

// Decode is a helper for handlers.
func Decode[T any](e Event) (T, error) {
	var v T
	err := json.Unmarshal(e.Payload, &v)
	return v, err
}
