// Package eventbus is an in-process publish/subscribe bus. Events are also
// appended to the outbox_events table so that the worker can replay them
// if the API process dies before subscribers finish.
package eventbus

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"citylib.org/ils/db"
)

type Event struct {
	Topic      string
	Payload    any
	OccurredAt time.Time
}

type Handler func(ctx context.Context, e Event) error

type Bus struct {
	mu     sync.RWMutex
	subs   map[string][]Handler
	outbox db.Querier
	log    *slog.Logger
}

func New(outbox db.Querier, log *slog.Logger) *Bus {
	return &Bus{subs: make(map[string][]Handler), outbox: outbox, log: log}
}

func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

// Publish records the event and delivers it synchronously. Subscriber errors
// are logged, never returned: the publishing transaction already committed.
func (b *Bus) Publish(ctx context.Context, topic string, payload any) {
	e := Event{Topic: topic, Payload: payload, OccurredAt: time.Now()}
	if b.outbox != nil {
		body, err := json.Marshal(payload)
		if err == nil {
			_, err = b.outbox.ExecContext(ctx,
				`INSERT INTO outbox_events (topic, payload, occurred_at) VALUES ($1, $2, $3)`,
				topic, body, e.OccurredAt)
		}
		if err != nil {
			b.log.Warn("outbox write failed", "topic", topic, "err", err)
		}
	}
	b.mu.RLock()
	handlers := append([]Handler(nil), b.subs[topic]...)
	b.mu.RUnlock()
	for _, h := range handlers {
		if err := h(ctx, e); err != nil {
			b.log.Error("event handler failed", "topic", topic, "err", err)
		}
	}
}

// PruneOutbox removes delivered events older than the retention window.
func PruneOutbox(ctx context.Context, q db.Querier, keep time.Duration) (int64, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM outbox_events WHERE occurred_at < $1`, time.Now().Add(-keep))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
