// Package events is the in-process event bus plus a transactional outbox.
// Producers write to the outbox inside their own transaction; the worker's
// relay drains it and fans events out to subscribers.
package events

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"quill.dev/academy/pkg/platform/ids"
	"quill.dev/academy/pkg/platform/log"
)

// Event is an envelope for a domain event.
type Event struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	OccurredAt time.Time       `json:"occurred_at"`
	Payload    json.RawMessage `json:"payload"`
}

// New builds an event, marshalling payload.
func New(typ string, payload any) (Event, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return Event{}, err
	}
	return Event{ID: ids.New("evt"), Type: typ, OccurredAt: time.Now().UTC(), Payload: b}, nil
}

// Decode unmarshals the payload into v.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Payload, v) }

// Handler reacts to an event.
type Handler func(ctx context.Context, e Event) error

// Publisher is what producers depend on.
type Publisher interface {
	Publish(ctx context.Context, e Event) error
}

// Bus is a synchronous in-process pub/sub.
type Bus struct {
	mu   sync.RWMutex
	subs map[string][]namedHandler
}

type namedHandler struct {
	name string
	fn   Handler
}

// NewBus returns an empty bus.
func NewBus() *Bus { return &Bus{subs: map[string][]namedHandler{}} }

// Subscribe registers fn for events of type typ.
func (b *Bus) Subscribe(typ, name string, fn Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[typ] = append(b.subs[typ], namedHandler{name, fn})
}

// Publish delivers e to every subscriber; errors are logged, not returned, so
// one bad consumer does not block the others.
func (b *Bus) Publish(ctx context.Context, e Event) error {
	b.mu.RLock()
	hs := append([]namedHandler(nil), b.subs[e.Type]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h.fn(ctx, e); err != nil {
			log.From(ctx).Error("event handler failed", "event", e.Type, "handler", h.name, "err", err)
		}
	}
	return nil
}

// PublishJSON is a helper for New+Publish.
func PublishJSON(ctx context.Context, p Publisher, typ string, payload any) error {
	e, err := New(typ, payload)
	if err != nil {
		return err
	}
	return p.Publish(ctx, e)
}
