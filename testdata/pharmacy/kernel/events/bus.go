// Package events is a small in-process publish/subscribe bus used to
// decouple contexts inside the monolith.
package events

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Event is a published fact.
type Event struct {
	Name       string
	Payload    any
	OccurredAt time.Time
}

// Handler reacts to an event.
type Handler func(ctx context.Context, e Event) error

// Publisher is what services depend on.
type Publisher interface {
	Publish(ctx context.Context, name string, payload any)
}

// Bus dispatches events synchronously to subscribers in registration order.
type Bus struct {
	mu   sync.RWMutex
	subs map[string][]Handler
	log  *slog.Logger
}

// NewBus creates an empty bus.
func NewBus(log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, log: log}
}

// Subscribe registers h for events named name.
func (b *Bus) Subscribe(name string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[name] = append(b.subs[name], h)
}

// Publish delivers the event. Handler failures are logged, never returned:
// the publisher's transaction has already committed.
func (b *Bus) Publish(ctx context.Context, name string, payload any) {
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[name]...)
	b.mu.RUnlock()
	e := Event{Name: name, Payload: payload, OccurredAt: time.Now().UTC()}
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			b.log.Error("event handler failed", "event", name, "err", err)
		}
	}
}
