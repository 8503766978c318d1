// Package events is the in-process event bus backed by an outbox table.
package events

import (
	"context"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"lendwise.io/platform/internal/platform/db"
	"lendwise.io/platform/internal/platform/ids"
)

// Topics published on the bus.
const (
	BorrowerVerified     = "borrower.verified"
	ApplicationSubmitted = "application.submitted"
	ApplicationDecided   = "application.decided"
	LoanBooked           = "loan.booked"
	LoanFunded           = "loan.funded"
	PaymentPosted        = "payment.posted"
	PaymentReturned      = "payment.returned"
	LoanDelinquent       = "loan.delinquent"
	LoanPaidOff          = "loan.paid_off"
	LoanChargedOff       = "loan.charged_off"
)

// Event is one published fact.
type Event struct {
	ID      string          `json:"id"`
	Topic   string          `json:"topic"`
	Key     string          `json:"key"`
	Payload json.RawMessage `json:"payload"`
	At      time.Time       `json:"at"`
}

// Decode unmarshals the payload.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Payload, v) }

// Handler consumes an event.
type Handler func(ctx context.Context, e Event) error

// Bus persists events to event_outbox and dispatches them synchronously.
type Bus struct {
	mu   sync.RWMutex
	subs map[string][]Handler
	db   *db.DB
	log  *slog.Logger
}

func NewBus(d *db.DB, log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, db: d, log: log}
}

// Subscribe registers h for topic.
func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

// Publish records the event and runs subscribers; subscriber errors are logged, not returned.
func (b *Bus) Publish(ctx context.Context, topic, key string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	e := Event{ID: ids.New("evt"), Topic: topic, Key: key, Payload: raw, At: time.Now().UTC()}
	if b.db != nil {
		if _, err := b.db.ExecContext(ctx,
			`INSERT INTO event_outbox (id, topic, key, payload, created_at) VALUES ($1, $2, $3, $4, $5)`,
			e.ID, e.Topic, e.Key, e.Payload, e.At); err != nil {
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
