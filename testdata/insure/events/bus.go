// Package events is the in-process event bus. Handlers run synchronously in
// registration order unless registered with SubscribeAsync. There is no
// durability: an event published in a failed transaction is still delivered,
// which has bitten us more than once (see INC-2231).
package events

import (
	"context"
	"fmt"
	"sync"
	"time"

	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
)

// Event is anything with a stable name.
type Event interface {
	EventName() string
}

// Handler handles one event.
type Handler func(ctx context.Context, e Event) error

type sub struct {
	name    string
	handler Handler
	async   bool
}

// Bus dispatches events to subscribers.
type Bus struct {
	mu   sync.RWMutex
	subs map[string][]sub
	log  *log.Logger
	wg   sync.WaitGroup
}

func NewBus() *Bus {
	return &Bus{subs: map[string][]sub{}, log: log.New("events")}
}

// Publisher is what services depend on.
type Publisher interface {
	Publish(ctx context.Context, e Event) error
}

// Subscribe registers a synchronous handler; subscriber is a label for logs.
func (b *Bus) Subscribe(event, subscriber string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[event] = append(b.subs[event], sub{name: subscriber, handler: h})
}

// SubscribeAsync registers a handler run on its own goroutine.
func (b *Bus) SubscribeAsync(event, subscriber string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[event] = append(b.subs[event], sub{name: subscriber, handler: h, async: true})
}

// Publish delivers e to all subscribers; sync handler errors are collected.
func (b *Bus) Publish(ctx context.Context, e Event) error {
	b.mu.RLock()
	subs := append([]sub(nil), b.subs[e.EventName()]...)
	b.mu.RUnlock()

	var m errs.Multi
	for _, s := range subs {
		if s.async {
			b.wg.Add(1)
			go func(s sub) {
				defer b.wg.Done()
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
				defer cancel()
				if err := b.safeCall(ctx, s, e); err != nil {
					b.log.Error("async handler failed", err, "event", e.EventName(), "subscriber", s.name)
				}
			}(s)
			continue
		}
		if err := b.safeCall(ctx, s, e); err != nil {
			m = append(m, fmt.Errorf("%s: %w", s.name, err))
		}
	}
	return m.Err()
}

func (b *Bus) safeCall(ctx context.Context, s sub, e Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in %s: %v", s.name, p)
		}
	}()
	return s.handler(ctx, e)
}

// Drain waits for async handlers; called on shutdown and at the end of batch.
func (b *Bus) Drain() { b.wg.Wait() }
