// Package reporting computes pipeline, activity and usage metrics and
// stores daily snapshots for trend charts.
package reporting

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	sq "github.com/Masterminds/squirrel"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/db"
)

// Migrations owned by reporting.
var Migrations = []db.Migration{
	{Name: "reporting_001_snapshots", Up: `CREATE TABLE report_snapshots (
		tenant_id TEXT NOT NULL, day DATE NOT NULL, data JSONB NOT NULL, PRIMARY KEY (tenant_id, day))`},
}

var psql = sq.StatementBuilder.PlaceholderFormat(sq.Dollar)

// Metrics runs reporting queries. For speed they read the operational
// tables of deals, activities, contacts and accounts directly; a read
// replica is used in production.
type Metrics struct {
	DB    *sql.DB
	Clock clock.Clock
}

// StageTotal is the open pipeline in one stage.
type StageTotal struct {
	StageID core.ID `json:"stage_id"`
	Name    string  `json:"name"`
	Deals   int     `json:"deals"`
	Amount  int64   `json:"amount"`
}

// PipelineByStage sums open deals per stage.
func (m *Metrics) PipelineByStage(ctx context.Context, tenantID core.ID, owners []core.ID) ([]StageTotal, error) {
	b := psql.Select("s.id", "s.name", "COUNT(d.id)", "COALESCE(SUM(d.amount), 0)").From("stages s").
		LeftJoin("deals d ON d.stage_id = s.id AND d.status = 'open' AND d.deleted_at IS NULL").
		Where(sq.Eq{"s.tenant_id": tenantID}).GroupBy("s.id", "s.name", "s.position").OrderBy("s.position")
	if len(owners) > 0 {
		b = b.Where(sq.Or{sq.Eq{"d.owner_id": owners}, sq.Eq{"d.id": nil}})
	}
	q, args, err := b.ToSql()
	if err != nil {
		return nil, err
	}
	rows, err := m.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StageTotal
	for rows.Next() {
		var t StageTotal
		if err := rows.Scan(&t.StageID, &t.Name, &t.Deals, &t.Amount); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// WinRate is won / (won + lost) for deals closed in a range.
type WinRate struct {
	Won      int     `json:"won"`
	Lost     int     `json:"lost"`
	Rate     float64 `json:"rate"`
	WonValue int64   `json:"won_value"`
}

// WinRateBetween computes the win rate.
func (m *Metrics) WinRateBetween(ctx context.Context, tenantID core.ID, from, to time.Time) (WinRate, error) {
	var w WinRate
	err := m.DB.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE status = 'won'), COUNT(*) FILTER (WHERE status = 'lost'),
		COALESCE(SUM(amount) FILTER (WHERE status = 'won'), 0)
		FROM deals WHERE tenant_id = $1 AND deleted_at IS NULL AND closed_at >= $2 AND closed_at < $3`, tenantID, from, to).
		Scan(&w.Won, &w.Lost, &w.WonValue)
	if w.Won+w.Lost > 0 {
		w.Rate = float64(w.Won) / float64(w.Won+w.Lost)
	}
	return w, err
}

// RepActivity counts activities per user and kind.
type RepActivity struct {
	UserID core.ID                   `json:"user_id"`
	Name   string                    `json:"name"`
	Counts map[core.ActivityKind]int `json:"counts"`
}

// ActivityByRep counts activities per rep in a range.
func (m *Metrics) ActivityByRep(ctx context.Context, tenantID core.ID, from, to time.Time) ([]RepActivity, error) {
	rows, err := m.DB.QueryContext(ctx, `SELECT u.id, u.name, a.kind, COUNT(*) FROM activities a JOIN users u ON u.id = a.user_id
		WHERE a.tenant_id = $1 AND a.occurred_at >= $2 AND a.occurred_at < $3 GROUP BY u.id, u.name, a.kind ORDER BY u.name`, tenantID, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RepActivity
	for rows.Next() {
		var id core.ID
		var name string
		var kind core.ActivityKind
		var n int
		if err := rows.Scan(&id, &name, &kind, &n); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].UserID != id {
			out = append(out, RepActivity{UserID: id, Name: name, Counts: map[core.ActivityKind]int{}})
		}
		out[len(out)-1].Counts[kind] = n
	}
	return out, rows.Err()
}

// Usage is what a tenant consumes, for the billing page and invoices.
type Usage struct {
	Seats     int `json:"seats"`
	Contacts  int `json:"contacts"`
	Mailboxes int `json:"mailboxes"`
	Deals     int `json:"open_deals"`
}

// UsageFor counts a tenant's usage.
func (m *Metrics) UsageFor(ctx context.Context, tenantID core.ID) (Usage, error) {
	var u Usage
	err := m.DB.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND deactivated_at IS NULL),
		(SELECT COUNT(*) FROM contacts WHERE tenant_id = $1 AND deleted_at IS NULL),
		(SELECT COUNT(*) FROM mailboxes WHERE tenant_id = $1 AND status = 'active'),
		(SELECT COUNT(*) FROM deals WHERE tenant_id = $1 AND status = 'open' AND deleted_at IS NULL)`, tenantID).
		Scan(&u.Seats, &u.Contacts, &u.Mailboxes, &u.Deals)
	return u, err
}

// Snapshot stores today's metrics for each tenant.
func (m *Metrics) Snapshot(ctx context.Context, tenantIDs []core.ID) (int, error) {
	day := clock.StartOfDay(m.Clock.Now())
	done := 0
	for _, id := range tenantIDs {
		usage, err := m.UsageFor(ctx, id)
		if err != nil {
			return done, err
		}
		stages, err := m.PipelineByStage(ctx, id, nil)
		if err != nil {
			return done, err
		}
		raw, _ := json.Marshal(map[string]any{"usage": usage, "pipeline": stages})
		if _, err := m.DB.ExecContext(ctx, `INSERT INTO report_snapshots (tenant_id, day, data) VALUES ($1,$2,$3)
			ON CONFLICT (tenant_id, day) DO UPDATE SET data = EXCLUDED.data`, id, day, raw); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}
