// Package audit records who did what, for compliance exports and the
// admin "activity log" screen.
package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/pagination"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Migrations owned by the audit context.
var Migrations = []db.Migration{
	{Name: "audit_001_log", Up: `CREATE TABLE audit_log (
		id BIGSERIAL PRIMARY KEY,
		tenant_id TEXT NOT NULL,
		actor_id TEXT,
		action TEXT NOT NULL,
		target_type TEXT NOT NULL,
		target_id TEXT NOT NULL,
		meta JSONB NOT NULL DEFAULT '{}',
		at TIMESTAMPTZ NOT NULL
	);
	CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at DESC);`},
}

// Entry is one audit record.
type Entry struct {
	ID         int64          `json:"id"`
	TenantID   core.ID        `json:"tenant_id"`
	ActorID    core.ID        `json:"actor_id,omitempty"`
	Action     string         `json:"action"`
	TargetType string         `json:"target_type"`
	TargetID   core.ID        `json:"target_id"`
	Meta       map[string]any `json:"meta,omitempty"`
	At         time.Time      `json:"at"`
}

// Recorder writes audit entries.
type Recorder struct {
	DB    *sql.DB
	Clock clock.Clock
}

// Record writes an entry for the principal in ctx.
func (r *Recorder) Record(ctx context.Context, action, targetType string, targetID core.ID, meta map[string]any) error {
	p, err := tenancy.Require(ctx)
	if err != nil {
		return err
	}
	if meta == nil {
		meta = map[string]any{}
	}
	if p.System {
		meta["system"] = true
	}
	raw, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	_, err = r.DB.ExecContext(ctx, `INSERT INTO audit_log (tenant_id, actor_id, action, target_type, target_id, meta, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		p.TenantID, db.NullString(string(p.UserID)), action, targetType, targetID, raw, r.Clock.Now())
	if err != nil {
		return fmt.Errorf("audit: record %s: %w", action, err)
	}
	return nil
}

// audited topics are recorded automatically from the bus.
var audited = map[string]string{
	core.TopicUserInvited:         "user",
	core.TopicUserDeactivated:     "user",
	core.TopicContactMerged:       "contact",
	core.TopicDealWon:             "deal",
	core.TopicDealLost:            "deal",
	core.TopicSubscriptionChanged: "subscription",
	core.TopicImportFinished:      "import",
}

// SubscribeTo records audited topics from the bus.
func (r *Recorder) SubscribeTo(sub events.Subscriber) {
	for topic, target := range audited {
		sub.Subscribe(topic, func(ctx context.Context, e events.Event) error {
			var meta map[string]any
			_ = json.Unmarshal(e.Payload, &meta)
			id := core.ID(fmt.Sprint(meta["deal_id"]))
			for _, k := range []string{"user_id", "winner_id", "import_id"} {
				if v, ok := meta[k]; ok {
					id = core.ID(fmt.Sprint(v))
				}
			}
			return r.Record(ctx, topic, target, id, meta)
		})
	}
}

// Filter narrows List.
type Filter struct {
	ActorID    core.ID
	TargetType string
	Since      time.Time
}

// List returns entries newest first.
func (r *Recorder) List(ctx context.Context, tenantID core.ID, f Filter, p pagination.Params) ([]Entry, error) {
	q := `SELECT id, tenant_id, COALESCE(actor_id, ''), action, target_type, target_id, meta, at
		FROM audit_log WHERE tenant_id = $1 AND at >= $2`
	args := []any{tenantID, f.Since}
	if f.ActorID != "" {
		args = append(args, f.ActorID)
		q += fmt.Sprintf(" AND actor_id = $%d", len(args))
	}
	if f.TargetType != "" {
		args = append(args, f.TargetType)
		q += fmt.Sprintf(" AND target_type = $%d", len(args))
	}
	q += " ORDER BY at DESC, id DESC" + p.SQL()
	return db.All(ctx, r.DB, func(s db.Scanner) (e Entry, err error) {
		var meta []byte
		if err = s.Scan(&e.ID, &e.TenantID, &e.ActorID, &e.Action, &e.TargetType, &e.TargetID, &meta, &e.At); err == nil {
			err = json.Unmarshal(meta, &e.Meta)
		}
		return e, err
	}, q, args...)
}

// Purge deletes entries older than the retention window.
func (r *Recorder) Purge(ctx context.Context, retention time.Duration) (int64, error) {
	res, err := r.DB.ExecContext(ctx, `DELETE FROM audit_log WHERE at < $1`, r.Clock.Now().Add(-retention))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
