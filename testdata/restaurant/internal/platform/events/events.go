// Package events is the in-process event bus plus a transactional outbox
// that the worker relays for consumers in other processes.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"sync"
	"time"

	"tablecraft.io/ops/logging"
)

// Topics. Kept here so that producers and consumers agree on the strings.
const (
	OrderFired        = "pos.order.fired"
	OrderClosed       = "pos.order.closed"
	OrderVoided       = "pos.order.voided"
	PaymentCaptured   = "payments.captured"
	PaymentRefunded   = "payments.refunded"
	TicketBumped      = "kitchen.ticket.bumped"
	OrderReady        = "kitchen.order.ready"
	ReservationSeated = "reservations.seated"
	StockLow          = "inventory.stock.low"
	GiftCardRedeemed  = "loyalty.giftcard.redeemed"
	OnlineOrderPlaced = "online.order.placed"
)

// Event is a message on the bus.
type Event struct {
	Topic      string
	LocationID int64
	Payload    any
	At         time.Time
}

// Handler reacts to an event.
type Handler func(ctx context.Context, e Event) error

// Bus dispatches events synchronously to in-process subscribers.
type Bus struct {
	mu   sync.RWMutex
	subs map[string][]Handler
	log  *logging.Logger
}

// NewBus creates an empty bus.
func NewBus(log *logging.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, log: log}
}

// Subscribe registers h for topic.
func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

// Publish delivers e to all subscribers. Subscriber errors are logged, not
// returned: a failing loyalty accrual must never block closing a check.
func (b *Bus) Publish(ctx context.Context, e Event) {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[e.Topic]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			b.log.Errorf("event %s: subscriber failed: %v", e.Topic, err)
		}
	}
}

// Outbox persists events in the same transaction as the state change.
type Outbox struct{ db *sql.DB }

// NewOutbox returns an outbox over the shared outbox_events table.
func NewOutbox(db *sql.DB) *Outbox { return &Outbox{db: db} }

// Enqueue stores e using tx.
func (o *Outbox) Enqueue(ctx context.Context, tx *sql.Tx, e Event) error {
	body, err := json.Marshal(e.Payload)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO outbox_events (topic, location_id, payload, created_at) VALUES ($1, $2, $3, now())`,
		e.Topic, e.LocationID, body)
	return err
}

// Relay publishes up to limit undelivered events onto bus and marks them sent.
func (o *Outbox) Relay(ctx context.Context, bus *Bus, limit int) (int, error) {
	rows, err := o.db.QueryContext(ctx,
		`SELECT id, topic, location_id, payload, created_at FROM outbox_events
		 WHERE delivered_at IS NULL ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return 0, err
	}
	type rec struct {
		id  int64
		evt Event
	}
	var recs []rec
	for rows.Next() {
		var r rec
		var body []byte
		if err := rows.Scan(&r.id, &r.evt.Topic, &r.evt.LocationID, &body, &r.evt.At); err != nil {
			rows.Close()
			return 0, err
		}
		r.evt.Payload = json.RawMessage(body)
		recs = append(recs, r)
	}
	rows.Close()
	for _, r := range recs {
		bus.Publish(ctx, r.evt)
		if _, err := o.db.ExecContext(ctx, `UPDATE outbox_events SET delivered_at = now() WHERE id = $1`, r.id); err != nil {
			return 0, err
		}
	}
	return len(recs), nil
}

// Decode turns a payload (typed or relayed JSON) into out.
func Decode(e Event, out any) error {
	var raw []byte
	switch p := e.Payload.(type) {
	case json.RawMessage:
		raw = p
	default:
		b, err := json.Marshal(p)
		if err != nil {
			return err
		}
		raw = b
	}
	return json.Unmarshal(raw, out)
}
