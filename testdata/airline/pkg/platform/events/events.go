// Package events is the in-process event bus plus the transactional outbox
// used to hand events to the worker.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"skyhop.aero/backend/pkg/platform/db"
)

// Well-known topics. Payloads are JSON documents described next to each.
const (
	BookingConfirmed   = "booking.confirmed" // {"locator": "..."}
	BookingCancelled   = "booking.cancelled" // {"locator": "..."}
	PaymentCaptured    = "payment.captured"  // {"payment_id": "...", "locator": "..."}
	TicketIssued       = "ticket.issued"     // {"ticket_number": "...", "locator": "..."}
	FlightCancelled    = "flight.cancelled"  // {"flight_id": 1, "reason": "..."}
	FlightDelayed      = "flight.delayed"    // {"flight_id": 1, "minutes": 0}
	FlightDeparted     = "flight.departed"   // {"flight_id": 1}
	PassengerCheckedIn = "checkin.completed" // {"checkin_id": "...", "flight_id": 1}
	RosterPublished    = "crew.roster_published"
)

// Event is one message on the bus.
type Event struct {
	ID         int64           `json:"id"`
	Topic      string          `json:"topic"`
	Payload    json.RawMessage `json:"payload"`
	OccurredAt time.Time       `json:"occurred_at"`
}

// Handler processes an event.
type Handler func(ctx context.Context, e Event) error

// Bus dispatches events to in-process subscribers and records them in the
// event_outbox table so that the worker can replay them.
type Bus struct {
	mu   sync.RWMutex
	subs map[string][]Handler
	db   *sql.DB
	log  *slog.Logger
}

func NewBus(d *sql.DB, log *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, db: d, log: log}
}

func (b *Bus) Subscribe(topic string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], h)
}

// Publish writes the event to the outbox in the caller's transaction, if any.
func (b *Bus) Publish(ctx context.Context, topic string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = db.Q(ctx, b.db).ExecContext(ctx,
		`INSERT INTO event_outbox (topic, payload, occurred_at) VALUES ($1, $2, now())`,
		topic, raw)
	return err
}

// Dispatch delivers up to batch pending outbox rows to subscribers and marks
// them delivered. Failed handlers leave the row for the next run.
func (b *Bus) Dispatch(ctx context.Context, batch int) (int, error) {
	rows, err := b.db.QueryContext(ctx, `
		SELECT id, topic, payload, occurred_at FROM event_outbox
		WHERE delivered_at IS NULL AND attempts < 10
		ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, batch)
	if err != nil {
		return 0, err
	}
	var pending []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.Topic, &e.Payload, &e.OccurredAt); err != nil {
			rows.Close()
			return 0, err
		}
		pending = append(pending, e)
	}
	rows.Close()
	delivered := 0
	for _, e := range pending {
		if err := b.deliver(ctx, e); err != nil {
			b.log.Warn("event handler failed", "topic", e.Topic, "id", e.ID, "err", err)
			_, _ = b.db.ExecContext(ctx, `UPDATE event_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, e.ID, err.Error())
			continue
		}
		if _, err := b.db.ExecContext(ctx, `UPDATE event_outbox SET delivered_at = now() WHERE id = $1`, e.ID); err != nil {
			return delivered, err
		}
		delivered++
	}
	return delivered, nil
}

func (b *Bus) deliver(ctx context.Context, e Event) error {
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[e.Topic]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// Decode unmarshals the payload of e into v.
func Decode(e Event, v any) error { return json.Unmarshal(e.Payload, v) }
