// Package events implements the transactional outbox and in-process
// subscription used for cross-context integration events.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"parcelgo.com/platform/shared/db"
	"parcelgo.com/platform/shared/ids"
)

// Integration event types.
const (
	ShipmentBooked    = "shipment.booked"
	ShipmentCancelled = "shipment.cancelled"
	ShipmentDelivered = "shipment.delivered"
	DeliveryFailed    = "shipment.delivery_failed"
	RouteDispatched   = "dispatch.route_dispatched"
	ReturnApproved    = "returns.approved"
	ClaimApproved     = "claims.approved"
	InvoiceIssued     = "billing.invoice_issued"
)

// Event is a row of event_outbox.
type Event struct {
	ID          string          `json:"id"`
	Type        string          `json:"type"`
	AggregateID string          `json:"aggregate_id"`
	Payload     json.RawMessage `json:"payload"`
	OccurredAt  time.Time       `json:"occurred_at"`
}

// Decode unmarshals the payload.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Payload, v) }

// Handler consumes an event. Returning an error leaves it for retry.
type Handler func(ctx context.Context, e Event) error

// Publisher is what application services depend on.
type Publisher interface {
	Publish(ctx context.Context, typ, aggregateID string, payload any) error
}

// Bus writes to the outbox and relays to subscribers.
type Bus struct {
	db       *sql.DB
	log      *slog.Logger
	mu       sync.RWMutex
	handlers map[string][]Handler
}

func NewBus(d *sql.DB, log *slog.Logger) *Bus {
	return &Bus{db: d, log: log, handlers: map[string][]Handler{}}
}

// Subscribe registers h for typ. Only the worker process subscribes.
func (b *Bus) Subscribe(typ string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handlers[typ] = append(b.handlers[typ], h)
}

// Publish stores the event in the outbox.
func (b *Bus) Publish(ctx context.Context, typ, aggregateID string, payload any) error {
	return PublishTx(ctx, b.db, typ, aggregateID, payload)
}

// PublishTx stores the event using the caller's transaction.
func PublishTx(ctx context.Context, q db.Querier, typ, aggregateID string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("events: marshal %s: %w", typ, err)
	}
	_, err = q.ExecContext(ctx,
		`INSERT INTO event_outbox (id, type, aggregate_id, payload, occurred_at)
		 VALUES ($1, $2, $3, $4, now())`,
		ids.New("evt"), typ, aggregateID, raw)
	return err
}

// RelayOutbox delivers up to batch unpublished events to subscribers.
func (b *Bus) RelayOutbox(ctx context.Context, batch int) (int, error) {
	delivered := 0
	err := db.WithTx(ctx, b.db, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx,
			`SELECT id, type, aggregate_id, payload, occurred_at
			   FROM event_outbox
			  WHERE published_at IS NULL AND attempts < 10
			  ORDER BY occurred_at
			  LIMIT $1
			  FOR UPDATE SKIP LOCKED`, batch)
		if err != nil {
			return err
		}
		var evs []Event
		for rows.Next() {
			var e Event
			if err := rows.Scan(&e.ID, &e.Type, &e.AggregateID, &e.Payload, &e.OccurredAt); err != nil {
				rows.Close()
				return err
			}
			evs = append(evs, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, e := range evs {
			if herr := b.dispatch(ctx, e); herr != nil {
				b.log.Warn("event handler failed", "event", e.Type, "id", e.ID, "err", herr)
				if _, err := tx.ExecContext(ctx,
					`UPDATE event_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`,
					e.ID, herr.Error()); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.ExecContext(ctx,
				`UPDATE event_outbox SET published_at = now() WHERE id = $1`, e.ID); err != nil {
				return err
			}
			delivered++
		}
		return nil
	})
	return delivered, err
}

func (b *Bus) dispatch(ctx context.Context, e Event) error {
	b.mu.RLock()
	hs := b.handlers[e.Type]
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			return err
		}
	}
	return nil
}
