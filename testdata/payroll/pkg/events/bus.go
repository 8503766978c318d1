// Package events is the in-process domain event bus. Handlers run
// synchronously in publish order; the outbox relay makes delivery durable.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/log"
)

// Well-known topics. Payload types live in the proto package of the
// publishing context.
const (
	TopicEmployeeHired      = "people.employee.hired"
	TopicEmployeeTerminated = "people.employee.terminated"
	TopicPayRunCompleted    = "payroll.run.completed"
	TopicTimesheetApproved  = "time.timesheet.approved"
	TopicLeaveApproved      = "leave.request.approved"
	TopicExpenseApproved    = "expenses.report.approved"
	TopicFilingSubmitted    = "tax.filing.submitted"
)

// Event is a published domain event.
type Event struct {
	ID         string          `json:"id"`
	Topic      string          `json:"topic"`
	TenantID   string          `json:"tenant_id"`
	OccurredAt time.Time       `json:"occurred_at"`
	Payload    json.RawMessage `json:"payload"`
}

// Decode unmarshals the payload into v.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Payload, v) }

// Handler consumes an event.
type Handler func(ctx context.Context, e Event) error

// Publisher is the narrow interface services depend on.
type Publisher interface {
	Publish(ctx context.Context, topic string, payload any) error
}

// Bus dispatches events to subscribers and records them in the outbox.
type Bus struct {
	mu     sync.RWMutex
	subs   map[string][]namedHandler
	outbox *sql.DB
	seq    uint64
}

type namedHandler struct {
	name string
	h    Handler
}

// NewBus builds a bus. outbox may be nil in tools and tests.
func NewBus(outbox *sql.DB) *Bus {
	return &Bus{subs: map[string][]namedHandler{}, outbox: outbox}
}

// Subscribe registers h for topic under a consumer name.
func (b *Bus) Subscribe(topic, consumer string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[topic] = append(b.subs[topic], namedHandler{consumer, h})
}

// Publish records and dispatches an event.
func (b *Bus) Publish(ctx context.Context, topic string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("events: marshal %s: %w", topic, err)
	}
	tenant, _ := auth.TenantID(ctx)
	b.mu.Lock()
	b.seq++
	ev := Event{
		ID:         fmt.Sprintf("%d-%d", time.Now().UnixNano(), b.seq),
		Topic:      topic,
		TenantID:   tenant,
		OccurredAt: time.Now().UTC(),
		Payload:    raw,
	}
	handlers := append([]namedHandler(nil), b.subs[topic]...)
	b.mu.Unlock()

	if b.outbox != nil {
		if _, err := b.outbox.ExecContext(ctx,
			`INSERT INTO event_outbox (id, topic, tenant_id, occurred_at, payload) VALUES ($1, $2, $3, $4, $5)`,
			ev.ID, ev.Topic, ev.TenantID, ev.OccurredAt, []byte(ev.Payload)); err != nil {
			return fmt.Errorf("events: outbox: %w", err)
		}
	}
	for _, nh := range handlers {
		if err := nh.h(ctx, ev); err != nil {
			log.Error(ctx, "event handler failed", err, "topic", topic, "consumer", nh.name)
		}
	}
	return nil
}

// Nop is a Publisher that drops events.
type Nop struct{}

// Publish implements Publisher.
func (Nop) Publish(context.Context, string, any) error { return nil }
