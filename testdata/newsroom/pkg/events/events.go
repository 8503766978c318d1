// Package events is the in-process event bus plus a transactional outbox.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/ids"
)

type Event struct {
	ID         string          `json:"id"`
	Topic      string          `json:"topic"`
	Payload    json.RawMessage `json:"payload"`
	OccurredAt time.Time       `json:"occurred_at"`
}

func (e Event) Decode(dst any) error { return json.Unmarshal(e.Payload, dst) }

type Handler func(ctx context.Context, e Event) error

type Publisher interface {
	Publish(ctx context.Context, topic string, payload any) error
}

// Bus dispatches events synchronously to subscribers registered at wiring time.
type Bus struct {
	mu   sync.RWMutex
	subs map[string][]Handler
	log  *slog.Logger
}

func NewBus(log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, log: log}
}

func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

func (b *Bus) Publish(ctx context.Context, topic string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("events: marshal %s: %w", topic, err)
	}
	return b.Dispatch(ctx, Event{ID: ids.New("evt"), Topic: topic, Payload: raw, OccurredAt: time.Now().UTC()})
}

func (b *Bus) Dispatch(ctx context.Context, e Event) error {
	b.mu.RLock()
	handlers := b.subs[e.Topic]
	b.mu.RUnlock()
	var firstErr error
	for _, h := range handlers {
		if err := h(ctx, e); err != nil {
			b.log.Error("event handler failed", "topic", e.Topic, "event", e.ID, "err", err)
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	return firstErr
}

// Outbox writes events in the caller's transaction; Relay delivers them later.
type Outbox struct{ q db.Querier }

func NewOutbox(q db.Querier) *Outbox { return &Outbox{q: q} }

func (o *Outbox) Publish(ctx context.Context, topic string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = o.q.ExecContext(ctx,
		`INSERT INTO event_outbox (id, topic, payload, occurred_at) VALUES ($1, $2, $3, now())`,
		ids.New("evt"), topic, raw)
	return err
}

// Relay moves undelivered outbox rows onto the bus.
type Relay struct {
	DB  *sql.DB
	Bus *Bus
}

func (r *Relay) Name() string { return "events.relay" }

func (r *Relay) Run(ctx context.Context) error {
	rows, err := r.DB.QueryContext(ctx, `
		SELECT id, topic, payload, occurred_at FROM event_outbox
		WHERE delivered_at IS NULL ORDER BY occurred_at LIMIT 200`)
	if err != nil {
		return err
	}
	var batch []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Topic, &e.Payload, &e.OccurredAt); err != nil {
			rows.Close()
			return err
		}
		batch = append(batch, e)
	}
	rows.Close()
	for _, e := range batch {
		if err := r.Bus.Dispatch(ctx, e); err != nil {
			_, _ = r.DB.ExecContext(ctx, `UPDATE event_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, e.ID, err.Error())
			continue
		}
		if _, err := r.DB.ExecContext(ctx, `UPDATE event_outbox SET delivered_at = now() WHERE id = $1`, e.ID); err != nil {
			return err
		}
	}
	return nil
}
