// Package events is the in-process event bus plus the transactional outbox
// used to relay events to the message broker.
package events

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"mvno.telco/core/platform/db"
	"mvno.telco/core/platform/ids"
)

// Well-known topics. Keep in sync with the broker's topic registry.
const (
	SubscriberActivated  = "subscriber.activated"
	SubscriberSuspended  = "subscriber.suspended"
	SubscriberTerminated = "subscriber.terminated"
	PlanChanged          = "subscriber.plan_changed"
	AddOnPurchased       = "subscriber.addon_purchased"
	SimSwapped           = "sim.swapped"
	CDRFileLoaded        = "cdr.file_loaded"
	BalanceDepleted      = "balance.depleted"
	InvoiceIssued        = "invoice.issued"
	InvoiceOverdue       = "invoice.overdue"
	PaymentSucceeded     = "payment.succeeded"
	PaymentFailed        = "payment.failed"
	TopUpCompleted       = "topup.completed"
	PortCompleted        = "port.completed"
	OrderPaid            = "order.paid"
	OrderShipped         = "order.shipped"
)

type Event struct {
	ID      string
	Topic   string
	Key     string
	Payload any
	At      time.Time
}

type Handler func(ctx context.Context, e Event) error

// Bus dispatches events synchronously to in-process subscribers and
// records them in the outbox for the relay.
type Bus struct {
	mu     sync.RWMutex
	subs   map[string][]Handler
	outbox db.Querier
	log    *slog.Logger
}

func NewBus(outbox db.Querier, log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, outbox: outbox, log: log}
}

func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

// Publish writes to the outbox and notifies local handlers. Handler errors
// are logged, not returned: the publisher has already committed its work.
func (b *Bus) Publish(ctx context.Context, topic, key string, payload any) error {
	e := Event{ID: ids.New("evt"), Topic: topic, Key: key, Payload: payload, At: time.Now().UTC()}
	if b.outbox != nil {
		body, err := json.Marshal(payload)
		if err != nil {
			return err
		}
		if _, err := b.outbox.ExecContext(ctx,
			`INSERT INTO outbox_events (id, topic, key, payload, created_at) VALUES ($1, $2, $3, $4, $5)`,
			e.ID, e.Topic, e.Key, body, e.At); err != nil {
			return err
		}
	}
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[topic]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			b.log.Error("event handler failed", "topic", topic, "key", key, "err", err)
		}
	}
	return nil
}
