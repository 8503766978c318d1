// Package events implements the transactional outbox and in-process
// dispatch used for cross-module notifications.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/ids"
	"shipwell.io/wms/pkg/logging"
)

// Event type names. Kept here so publishers and subscribers agree.
const (
	ASNReceived        = "inbound.asn_received"
	ReceiptCompleted   = "inbound.receipt_completed"
	StockAdjusted      = "inventory.stock_adjusted"
	StockAllocated     = "inventory.stock_allocated"
	OrderCancelled     = "orders.order_cancelled"
	WaveReleased       = "fulfillment.wave_released"
	WaveCompleted      = "fulfillment.wave_completed"
	OrderPacked        = "fulfillment.order_packed"
	ShipmentDispatched = "shipping.shipment_dispatched"
	ReturnReceived     = "returns.return_received"
)

type Event struct {
	ID          string          `json:"id"`
	Type        string          `json:"type"`
	AggregateID string          `json:"aggregate_id"`
	ClientID    string          `json:"client_id"`
	Payload     json.RawMessage `json:"payload"`
	OccurredAt  time.Time       `json:"occurred_at"`
}

func New(typ, aggregateID, clientID string, payload any) (Event, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return Event{}, fmt.Errorf("event %s: %w", typ, err)
	}
	return Event{ID: ids.New("evt"), Type: typ, AggregateID: aggregateID, ClientID: clientID,
		Payload: b, OccurredAt: time.Now().UTC()}, nil
}

// Publisher records events. Implementations must be safe for concurrent use.
type Publisher interface {
	Publish(ctx context.Context, q db.Querier, ev Event) error
}

// Outbox writes events into outbox_events in the caller's transaction.
type Outbox struct{}

func (Outbox) Publish(ctx context.Context, q db.Querier, ev Event) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO outbox_events (id, type, aggregate_id, client_id, payload, occurred_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		ev.ID, ev.Type, ev.AggregateID, db.NullString(ev.ClientID), []byte(ev.Payload), ev.OccurredAt)
	return err
}

type Handler func(ctx context.Context, ev Event) error

// Dispatcher fans events out to subscribers by type.
type Dispatcher struct {
	handlers map[string][]Handler
}

func NewDispatcher() *Dispatcher { return &Dispatcher{handlers: map[string][]Handler{}} }

func (d *Dispatcher) Subscribe(typ string, h Handler) { d.handlers[typ] = append(d.handlers[typ], h) }

func (d *Dispatcher) Dispatch(ctx context.Context, ev Event) error {
	for _, h := range d.handlers[ev.Type] {
		if err := h(ctx, ev); err != nil {
			return fmt.Errorf("handler for %s: %w", ev.Type, err)
		}
	}
	return nil
}

// Relay moves events from the outbox table to the dispatcher.
type Relay struct {
	DB    *sql.DB
	D     *Dispatcher
	Batch int
}

// RunOnce delivers one batch and returns how many events were delivered.
func (r *Relay) RunOnce(ctx context.Context) (int, error) {
	n := 0
	err := db.WithTx(ctx, r.DB, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT id, type, aggregate_id, COALESCE(client_id, ''), payload, occurred_at
			FROM outbox_events
			WHERE published_at IS NULL AND attempts < 10
			ORDER BY occurred_at
			LIMIT $1
			FOR UPDATE SKIP LOCKED`, r.Batch)
		if err != nil {
			return err
		}
		var batch []Event
		for rows.Next() {
			var ev Event
			var payload []byte
			if err := rows.Scan(&ev.ID, &ev.Type, &ev.AggregateID, &ev.ClientID, &payload, &ev.OccurredAt); err != nil {
				rows.Close()
				return err
			}
			ev.Payload = payload
			batch = append(batch, ev)
		}
		rows.Close()
		for _, ev := range batch {
			if err := r.D.Dispatch(ctx, ev); err != nil {
				logging.From(ctx).Warn("outbox dispatch failed", "event", ev.ID, "err", err)
				if _, err := tx.ExecContext(ctx, `UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, ev.ID, err.Error()); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE outbox_events SET published_at = now() WHERE id = $1`, ev.ID); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
