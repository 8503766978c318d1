// Package events is the in-process event bus. Events are also appended to
// the outbox_events table so the worker can replay them after a crash.
package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"sync"
	"time"
)

// Well-known event names.
const (
	RequisitionApproved    = "requisition.approved"
	RequisitionFilled      = "requisition.filled"
	RequisitionClosed      = "requisition.closed"
	PostingPublished       = "posting.published"
	CandidateCreated       = "candidate.created"
	ApplicationCreated     = "application.created"
	ApplicationStageMoved  = "application.stage_moved"
	ApplicationRejected    = "application.rejected"
	ApplicationHired       = "application.hired"
	ScorecardSubmitted     = "interview.scorecard_submitted"
	OfferAccepted          = "offer.accepted"
	OfferDeclined          = "offer.declined"
	BackgroundCheckCleared = "screening.cleared"
	TenantSuspended        = "tenant.suspended"
)

// Event is a domain event.
type Event struct {
	Name     string          `json:"name"`
	TenantID string          `json:"tenant_id"`
	Subject  string          `json:"subject"`
	Data     json.RawMessage `json:"data,omitempty"`
	At       time.Time       `json:"at"`
}

// Handler reacts to an event. Errors are logged, never propagated to the publisher.
type Handler func(ctx context.Context, e Event) error

// Bus dispatches events synchronously to subscribers.
type Bus struct {
	mu     sync.RWMutex
	subs   map[string][]Handler
	db     *sql.DB
	logger *slog.Logger
}

func NewBus(db *sql.DB, logger *slog.Logger) *Bus {
	return &Bus{subs: map[string][]Handler{}, db: db, logger: logger}
}

func (b *Bus) Subscribe(name string, h Handler) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs[name] = append(b.subs[name], h)
}

// Publish records the event in the outbox and dispatches it.
func (b *Bus) Publish(ctx context.Context, name, tenantID, subject string, data any) {
	e := Event{Name: name, TenantID: tenantID, Subject: subject, At: time.Now().UTC()}
	if data != nil {
		raw, err := json.Marshal(data)
		if err != nil {
			b.logger.Error("events: marshal", "event", name, "err", err)
			return
		}
		e.Data = raw
	}
	if b.db != nil {
		_, err := b.db.ExecContext(ctx,
			`INSERT INTO outbox_events (name, tenant_id, subject, data, created_at) VALUES ($1, $2, $3, $4, $5)`,
			e.Name, e.TenantID, e.Subject, []byte(e.Data), e.At)
		if err != nil {
			b.logger.Warn("events: outbox write failed", "event", name, "err", err)
		}
	}
	b.Dispatch(ctx, e)
}

// Dispatch delivers an already-recorded event to subscribers.
func (b *Bus) Dispatch(ctx context.Context, e Event) {
	b.mu.RLock()
	hs := append([]Handler(nil), b.subs[e.Name]...)
	b.mu.RUnlock()
	for _, h := range hs {
		if err := h(ctx, e); err != nil {
			b.logger.Error("events: handler failed", "event", e.Name, "subject", e.Subject, "err", err)
		}
	}
}

// Decode unmarshals the event payload.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Data, v) }
