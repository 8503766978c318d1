// Package events is the in-process event bus plus a transactional outbox
// that the worker relays. Payload types live in internal/core.
package events

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Event is a published fact.
type Event struct {
	ID         core.ID         `json:"id"`
	Topic      string          `json:"topic"`
	TenantID   core.ID         `json:"tenant_id"`
	ActorID    core.ID         `json:"actor_id,omitempty"`
	Payload    json.RawMessage `json:"payload"`
	OccurredAt time.Time       `json:"occurred_at"`
}

// Decode unmarshals the payload into T.
func Decode[T any](e Event) (T, error) {
	var v T
	err := json.Unmarshal(e.Payload, &v)
	return v, err
}

// Handler consumes an event.
type Handler func(ctx context.Context, e Event) error

// Publisher publishes events.
type Publisher interface {
	Publish(ctx context.Context, topic string, payload any) error
}

// Subscriber registers handlers.
type Subscriber interface {
	Subscribe(topic string, h Handler)
}

// New builds an Event from the context's principal.
func New(ctx context.Context, topic string, payload any) (Event, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return Event{}, fmt.Errorf("events: marshal %s: %w", topic, err)
	}
	p, _ := tenancy.From(ctx)
	return Event{
		ID: core.NewID("ev"), Topic: topic, TenantID: p.TenantID, ActorID: p.UserID,
		Payload: raw, OccurredAt: time.Now().UTC(),
	}, nil
}

// Bus dispatches synchronously to in-process handlers.
type Bus struct {
	mu       sync.RWMutex
	handlers map[string][]Handler
	log      *slog.Logger
}

// NewBus returns an empty bus.
func NewBus(log *slog.Logger) *Bus {
	return &Bus{handlers: map[string][]Handler{}, log: log}
}

// Subscribe registers h for topic; "*" receives everything.
func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handlers[topic] = append(b.handlers[topic], h)
}

// Publish implements Publisher.
func (b *Bus) Publish(ctx context.Context, topic string, payload any) error {
	e, err := New(ctx, topic, payload)
	if err != nil {
		return err
	}
	return b.Dispatch(ctx, e)
}

// Dispatch delivers an already built event. Handler errors are logged,
// not returned: subscribers must not fail the publisher.
func (b *Bus) Dispatch(ctx context.Context, e Event) error {
	b.mu.RLock()
	hs := append(append([]Handler{}, b.handlers[e.Topic]...), b.handlers["*"]...)
	b.mu.RUnlock()
	hctx := tenancy.ForSystem(ctx, e.TenantID)
	if p, ok := tenancy.From(ctx); ok {
		hctx = tenancy.With(ctx, p)
	}
	for _, h := range hs {
		if err := h(hctx, e); err != nil {
			b.log.Warn("event handler failed", "topic", e.Topic, "event", e.ID, "err", err)
		}
	}
	return nil
}

// Tee publishes to several publishers, returning the first error.
type Tee []Publisher

func (t Tee) Publish(ctx context.Context, topic string, payload any) error {
	var first error
	for _, p := range t {
		if err := p.Publish(ctx, topic, payload); err != nil && first == nil {
			first = err
		}
	}
	return first
}
