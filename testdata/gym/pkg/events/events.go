// Package events is the in-process event bus (with an outbox table for durability).
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"sync"
	"time"
)

// Topic names. Each context publishes its own.
const (
	MemberJoined        = "membership.joined"
	MembershipCancelled = "membership.cancelled"
	MembershipFrozen    = "membership.frozen"
	MembershipRenewed   = "membership.renewed"
	CheckedIn           = "access.checked_in"
	BookingMade         = "classes.booking_made"
	BookingCancelled    = "classes.booking_cancelled"
	ClassNoShow         = "classes.no_show"
	PaymentFailed       = "billing.payment_failed"
	PaymentSucceeded    = "billing.payment_succeeded"
	InvoiceIssued       = "billing.invoice_issued"
	OrderPlaced         = "shop.order_placed"
	PTSessionCompleted  = "training.session_completed"
)

// Event is a published fact.
type Event struct {
	Topic      string          `json:"topic"`
	Key        string          `json:"key"`
	Payload    json.RawMessage `json:"payload"`
	OccurredAt time.Time       `json:"occurred_at"`
}

// Handler handles an event.
type Handler func(ctx context.Context, e Event) error

// Bus dispatches synchronously to subscribers and writes to the outbox.
type Bus struct {
	mu     sync.RWMutex
	subs   map[string][]Handler
	db     *sql.DB
	logger *slog.Logger
}

func NewBus(db *sql.DB, l *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, db: db, logger: l}
}

// Subscribe registers h for topic.
func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

// Publish marshals payload, records it in the outbox and dispatches it.
func (b *Bus) Publish(ctx context.Context, topic, key string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	e := Event{Topic: topic, Key: key, Payload: raw, OccurredAt: time.Now().UTC()}
	if b.db != nil {
		if _, err := b.db.ExecContext(ctx,
			`INSERT INTO event_outbox (topic, key, payload, occurred_at) VALUES ($1, $2, $3, $4)`,
			e.Topic, e.Key, []byte(e.Payload), e.OccurredAt); err != nil {
			return err
		}
	}
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[topic]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			b.logger.Warn("event handler failed", "topic", topic, "key", key, "err", err)
		}
	}
	return nil
}

// Decode unmarshals the payload.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Payload, v) }
