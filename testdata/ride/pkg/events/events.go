// Package events is the in-process event bus with a transactional outbox.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/log"
)

// Topic names. Keep in sync with the event payload types in app/common/entity.
const (
	TripRequested   = "trip.requested"
	TripMatched     = "trip.matched"
	TripStarted     = "trip.started"
	TripCompleted   = "trip.completed"
	TripCancelled   = "trip.cancelled"
	TripExpired     = "trip.expired"
	OrderPlaced     = "order.placed"
	OrderAccepted   = "order.accepted"
	OrderReady      = "order.ready"
	OrderDelivered  = "order.delivered"
	PaymentCaptured = "payment.captured"
	PaymentFailed   = "payment.failed"
	PayoutSent      = "payout.sent"
	DriverApproved  = "driver.approved"
	DriverDocExpiry = "driver.document_expiring"
	RatingSubmitted = "rating.submitted"
	ReferralReward  = "referral.rewarded"
)

// Envelope wraps a published event.
type Envelope struct {
	ID        int64           `json:"id"`
	Topic     string          `json:"topic"`
	Key       string          `json:"key"`
	Payload   json.RawMessage `json:"payload"`
	CreatedAt time.Time       `json:"created_at"`
}

// Decode unmarshals the payload into v.
func (e Envelope) Decode(v any) error { return json.Unmarshal(e.Payload, v) }

// Handler consumes an envelope.
type Handler func(ctx context.Context, e Envelope) error

// Publisher publishes events.
type Publisher interface {
	Publish(ctx context.Context, topic, key string, payload any) error
}

// Subscriber registers handlers.
type Subscriber interface {
	Subscribe(topic, group string, h Handler)
}

// Bus writes events to the outbox table and fans them out to subscribers.
type Bus struct {
	conn *sql.DB
	mu   sync.RWMutex
	subs map[string][]sub
}

type sub struct {
	group string
	h     Handler
}

// NewBus returns a bus backed by the event_outbox table.
func NewBus(conn *sql.DB) *Bus { return &Bus{conn: conn, subs: map[string][]sub{}} }

// Publish writes the event into the outbox within the caller's transaction (if any).
func (b *Bus) Publish(ctx context.Context, topic, key string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("events: marshal %s: %w", topic, err)
	}
	_, err = db.Conn(ctx, b.conn).ExecContext(ctx,
		`INSERT INTO event_outbox (topic, key, payload, created_at) VALUES ($1, $2, $3, now())`,
		topic, key, raw)
	if err != nil {
		return fmt.Errorf("events: outbox insert %s: %w", topic, err)
	}
	return nil
}

// Subscribe registers h for topic under a consumer group.
func (b *Bus) Subscribe(topic, group string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], sub{group: group, h: h})
}

// Relay polls the outbox and delivers events until ctx is done.
func (b *Bus) Relay(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := b.drain(ctx); err != nil {
				log.L().Error("outbox relay", "err", err)
			}
		}
	}
}

func (b *Bus) drain(ctx context.Context) error {
	rows, err := b.conn.QueryContext(ctx,
		`SELECT id, topic, key, payload, created_at FROM event_outbox
		 WHERE delivered_at IS NULL ORDER BY id LIMIT 200`)
	if err != nil {
		return err
	}
	var batch []Envelope
	for rows.Next() {
		var e Envelope
		if err := rows.Scan(&e.ID, &e.Topic, &e.Key, &e.Payload, &e.CreatedAt); err != nil {
			rows.Close()
			return err
		}
		batch = append(batch, e)
	}
	rows.Close()
	for _, e := range batch {
		b.dispatch(ctx, e)
		if _, err := b.conn.ExecContext(ctx, `UPDATE event_outbox SET delivered_at = now() WHERE id = $1`, e.ID); err != nil {
			return err
		}
	}
	return nil
}

func (b *Bus) dispatch(ctx context.Context, e Envelope) {
	b.mu.RLock()
	subs := b.subs[e.Topic]
	b.mu.RUnlock()
	for _, s := range subs {
		if err := s.h(ctx, e); err != nil {
			log.L().Error("event handler failed", "topic", e.Topic, "group", s.group, "event_id", e.ID, "err", err)
		}
	}
}
