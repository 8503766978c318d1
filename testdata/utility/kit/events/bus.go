// Package events is the platform's transactional outbox and in-process
// dispatcher. Producers write to outbox_events inside their own transaction;
// the relay (run by the scheduler) delivers rows to subscribers and marks them
// dispatched. Delivery is at-least-once: handlers must be idempotent.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"gridline.energy/platform/kit/ids"
)

type Event struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	Key     string          `json:"key"`
	At      time.Time       `json:"at"`
	Payload json.RawMessage `json:"payload"`
}

func (e Event) Decode(v any) error { return json.Unmarshal(e.Payload, v) }

type Handler func(ctx context.Context, e Event) error

type Publisher interface {
	Publish(ctx context.Context, typ, key string, payload any) error
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

type Bus struct {
	db  *sql.DB
	log *slog.Logger

	mu       sync.RWMutex
	handlers map[string][]Handler
}

func NewBus(db *sql.DB, log *slog.Logger) *Bus {
	return &Bus{db: db, log: log, handlers: map[string][]Handler{}}
}

func (b *Bus) Subscribe(typ string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handlers[typ] = append(b.handlers[typ], h)
}

// Publish stores the event in the outbox outside any caller transaction.
func (b *Bus) Publish(ctx context.Context, typ, key string, payload any) error {
	return b.PublishTx(ctx, b.db, typ, key, payload)
}

// PublishTx stores the event using the caller's transaction (or *sql.DB).
func (b *Bus) PublishTx(ctx context.Context, ex execer, typ, key string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("events: marshal %s: %w", typ, err)
	}
	_, err = ex.ExecContext(ctx,
		`INSERT INTO outbox_events (id, type, key, payload, created_at) VALUES ($1, $2, $3, $4, $5)`,
		ids.New(ids.PrefixEvent), typ, key, raw, time.Now().UTC())
	return err
}

// Relay delivers up to limit undispatched events in creation order.
func (b *Bus) Relay(ctx context.Context, limit int) (int, error) {
	rows, err := b.db.QueryContext(ctx, `
		SELECT id, type, key, payload, created_at
		FROM outbox_events
		WHERE dispatched_at IS NULL AND attempts < 10
		ORDER BY created_at
		LIMIT $1
		FOR UPDATE SKIP LOCKED`, limit)
	if err != nil {
		return 0, err
	}
	var batch []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Type, &e.Key, &e.Payload, &e.At); err != nil {
			rows.Close()
			return 0, err
		}
		batch = append(batch, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	done := 0
	for _, e := range batch {
		if err := b.dispatch(ctx, e); err != nil {
			b.log.Warn("event handler failed", "event", e.ID, "type", e.Type, "err", err)
			_, _ = b.db.ExecContext(ctx, `UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, e.ID, err.Error())
			continue
		}
		if _, err := b.db.ExecContext(ctx, `UPDATE outbox_events SET dispatched_at = now() WHERE id = $1`, e.ID); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

func (b *Bus) dispatch(ctx context.Context, e Event) error {
	b.mu.RLock()
	hs := append([]Handler(nil), b.handlers[e.Type]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			return err
		}
	}
	return nil
}
