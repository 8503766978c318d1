// Package eventbus is the in-process publish/subscribe bus the contexts use
// to tell each other what happened without calling each other directly.
package eventbus

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"example.com/shop/internal/platform/log"
)

// Event is something that happened.
type Event interface {
	EventName() string
}

// Handler reacts to an event.
type Handler func(ctx context.Context, e Event) error

// Publisher publishes events.
type Publisher interface {
	Publish(ctx context.Context, events ...Event) error
}

// Bus delivers events synchronously to every subscriber of their name.
type Bus struct {
	mu       sync.RWMutex
	handlers map[string][]Handler
	log      *log.Logger
}

// New returns an empty bus.
func New(logger *log.Logger) *Bus {
	return &Bus{handlers: map[string][]Handler{}, log: logger}
}

// Subscribe registers h for events called name.
func (b *Bus) Subscribe(name string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handlers[name] = append(b.handlers[name], h)
}

// Publish delivers events in order. Every handler runs even if an earlier
// one failed; the failures are joined.
func (b *Bus) Publish(ctx context.Context, events ...Event) error {
	var errList []error
	for _, e := range events {
		b.mu.RLock()
		hs := append([]Handler(nil), b.handlers[e.EventName()]...)
		b.mu.RUnlock()
		if len(hs) == 0 {
			b.log.Debug("event without subscribers", log.F("event", e.EventName()))
			continue
		}
		for i, h := range hs {
			if err := safeCall(ctx, h, e); err != nil {
				b.log.Warn("event handler failed", log.F("event", e.EventName()), log.F("handler", i), log.Err(err))
				errList = append(errList, fmt.Errorf("%s: %w", e.EventName(), err))
			}
		}
	}
	return errors.Join(errList...)
}

func safeCall(ctx context.Context, h Handler, e Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return h(ctx, e)
}

// Recorder is a Publisher that keeps what it is given.
type Recorder struct {
	mu     sync.Mutex
	Events []Event
}

// Publish implements Publisher.
func (r *Recorder) Publish(_ context.Context, events ...Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Events = append(r.Events, events...)
	return nil
}
