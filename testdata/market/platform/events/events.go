// Package events is a tiny in-process pub/sub used to decouple side effects
// (emails, reindexing) from request handling. It will be replaced by a queue.
package events

import (
	"context"
	"log/slog"
	"sync"
)

type Event struct {
	Name    string
	Key     string
	Payload map[string]any
}

type Handler func(ctx context.Context, e Event) error

type Bus struct {
	mu   sync.RWMutex
	subs map[string][]Handler
	log  *slog.Logger
}

func NewBus(log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, log: log}
}

func (b *Bus) Subscribe(name string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[name] = append(b.subs[name], h)
}

// Publish calls subscribers synchronously; failures are logged, not returned.
func (b *Bus) Publish(ctx context.Context, e Event) {
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[e.Name]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			b.log.Warn("event handler failed", "event", e.Name, "key", e.Key, "err", err)
		}
	}
}

const (
	ListingPublished = "listing.published"
	ListingUpdated   = "listing.updated"
	OrderPlaced      = "order.placed"
	OrderShipped     = "order.shipped"
	PaymentCaptured  = "payment.captured"
	DisputeOpened    = "dispute.opened"
	MessageSent      = "message.sent"
)
