// Package events is the in-process event bus, with an optional SQL outbox for
// events that other deployments consume.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"sync"
	"time"
)

// Topics published across the system.
const (
	SubscriptionChanged  = "billing.subscription_changed"
	SubscriptionCanceled = "billing.subscription_canceled"
	AccountSuspended     = "billing.account_suspended"
	WindowExpired        = "rights.window_expired"
	WindowExpiringSoon   = "rights.window_expiring_soon"
	TranscodeCompleted   = "encoding.job_completed"
	TranscodeFailed      = "encoding.job_failed"
	PlaybackStarted      = "playback.started"
	PlaybackStopped      = "playback.stopped"
	TitlePublished       = "catalog.title_published"
)

// Event is a fact that happened.
type Event struct {
	Topic   string            `json:"topic"`
	Key     string            `json:"key"`
	Attrs   map[string]string `json:"attrs"`
	Occured time.Time         `json:"occurred_at"`
}

// Handler reacts to an event.
type Handler func(ctx context.Context, e Event) error

// Publisher publishes events.
type Publisher interface {
	Publish(ctx context.Context, e Event) error
}

// Bus is a synchronous in-memory bus; handler errors are logged, not returned.
type Bus struct {
	mu       sync.RWMutex
	handlers map[string][]Handler
	log      *slog.Logger
	outbox   *sql.DB
}

// NewBus returns a bus. If outbox is non-nil every event is also persisted to event_outbox.
func NewBus(log *slog.Logger, outbox *sql.DB) *Bus {
	return &Bus{handlers: map[string][]Handler{}, log: log, outbox: outbox}
}

// Subscribe registers h for topic.
func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handlers[topic] = append(b.handlers[topic], h)
}

// Publish delivers e to local subscribers and writes it to the outbox.
func (b *Bus) Publish(ctx context.Context, e Event) error {
	if e.Occured.IsZero() {
		e.Occured = time.Now().UTC()
	}
	if b.outbox != nil {
		payload, _ := json.Marshal(e.Attrs)
		if _, err := b.outbox.ExecContext(ctx,
			`INSERT INTO event_outbox (topic, event_key, payload, occurred_at) VALUES ($1, $2, $3, $4)`,
			e.Topic, e.Key, payload, e.Occured); err != nil {
			return err
		}
	}
	b.mu.RLock()
	hs := append([]Handler(nil), b.handlers[e.Topic]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			b.log.Error("event handler failed", "topic", e.Topic, "key", e.Key, "err", err)
		}
	}
	return nil
}

// New is a convenience constructor.
func New(topic, key string, kv ...string) Event {
	attrs := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		attrs[kv[i]] = kv[i+1]
	}
	return Event{Topic: topic, Key: key, Attrs: attrs}
}

// Nop discards events; handy for jobs that do not need to publish.
type Nop struct{}

func (Nop) Publish(context.Context, Event) error { return nil }
