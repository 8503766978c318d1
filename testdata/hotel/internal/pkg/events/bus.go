// Package events is the in-process event bus used to decouple contexts.
// Events are delivered synchronously, in subscription order; a failing
// subscriber is logged but does not stop delivery to the others.
package events

import (
	"context"
	"sync"

	"github.com/staybright/platform/internal/pkg/log"
)

// Event is anything with a topic name.
type Event interface {
	Topic() string
}

// Handler consumes an event.
type Handler func(ctx context.Context, e Event) error

// Publisher is what most services depend on.
type Publisher interface {
	Publish(ctx context.Context, e Event)
}

// Bus is a simple synchronous pub/sub.
type Bus struct {
	mu     sync.RWMutex
	subs   map[string][]named
	logger *log.Logger
}

type named struct {
	name string
	h    Handler
}

// NewBus creates an empty bus.
func NewBus(logger *log.Logger) *Bus {
	return &Bus{subs: map[string][]named{}, logger: logger.Component("events")}
}

// Subscribe registers h for topic under a descriptive subscriber name.
func (b *Bus) Subscribe(topic, name string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], named{name: name, h: h})
}

// Publish delivers e to every subscriber of its topic.
func (b *Bus) Publish(ctx context.Context, e Event) {
	b.mu.RLock()
	subs := append([]named(nil), b.subs[e.Topic()]...)
	b.mu.RUnlock()
	for _, s := range subs {
		if err := s.h(ctx, e); err != nil {
			b.logger.Error("subscriber failed", "topic", e.Topic(), "subscriber", s.name, "err", err)
		}
	}
}
