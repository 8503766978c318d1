// Package events is the in-process event bus. Contexts publish domain
// events by topic; subscribers run asynchronously with retries so that a
// slow consumer does not block checkout.
package events

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Envelope wraps a published event.
type Envelope struct {
	Topic      string
	Key        string
	OccurredAt time.Time
	Payload    any
}

// Handler consumes an event.
type Handler func(ctx context.Context, e Envelope) error

// Publisher is the narrow interface most use cases depend on.
type Publisher interface {
	Publish(ctx context.Context, topic, key string, payload any) error
}

// Bus is an in-memory pub/sub.
type Bus struct {
	mu      sync.RWMutex
	subs    map[string][]named
	log     *slog.Logger
	wg      sync.WaitGroup
	retries int
}

type named struct {
	name string
	h    Handler
}

// NewBus creates a bus.
func NewBus(log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]named{}, log: log, retries: 3}
}

// Subscribe registers h for topic under a consumer name used in logs.
func (b *Bus) Subscribe(topic, consumer string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], named{consumer, h})
}

// Publish dispatches payload to all subscribers of topic.
func (b *Bus) Publish(ctx context.Context, topic, key string, payload any) error {
	env := Envelope{Topic: topic, Key: key, OccurredAt: time.Now().UTC(), Payload: payload}
	b.mu.RLock()
	subs := append([]named(nil), b.subs[topic]...)
	b.mu.RUnlock()
	for _, s := range subs {
		b.wg.Add(1)
		go b.deliver(context.WithoutCancel(ctx), s, env)
	}
	return nil
}

func (b *Bus) deliver(ctx context.Context, s named, env Envelope) {
	defer b.wg.Done()
	backoff := 200 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := s.h(ctx, env)
		if err == nil {
			return
		}
		if attempt >= b.retries {
			b.log.Error("event delivery failed", "topic", env.Topic, "consumer", s.name, "key", env.Key, "err", err)
			return
		}
		time.Sleep(backoff)
		backoff *= 2
	}
}

// Drain waits for in-flight deliveries; used on shutdown.
func (b *Bus) Drain() { b.wg.Wait() }
