// Package dashboards stores user-defined dashboards and renders widgets.
package dashboards

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/deals/forecast"
	"pipelinelabs.io/crm/internal/platform/db"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/reporting"
)

// Migrations for dashboards.
var Migrations = []db.Migration{
	{Name: "reporting_002_dashboards", Up: `CREATE TABLE dashboards (
		id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, owner_id TEXT NOT NULL, name TEXT NOT NULL,
		widgets JSONB NOT NULL, shared BOOLEAN NOT NULL DEFAULT false, updated_at TIMESTAMPTZ NOT NULL)`},
}

// Widget kinds.
const (
	KindPipeline = "pipeline_by_stage"
	KindWinRate  = "win_rate"
	KindActivity = "activity_by_rep"
	KindForecast = "forecast"
	KindUsage    = "usage"
)

// Widget is one tile on a dashboard.
type Widget struct {
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	Days   int    `json:"days,omitempty"`
	Months int    `json:"months,omitempty"`
}

// Dashboard is a saved layout.
type Dashboard struct {
	ID      core.ID  `json:"id"`
	OwnerID core.ID  `json:"owner_id"`
	Name    string   `json:"name"`
	Shared  bool     `json:"shared"`
	Widgets []Widget `json:"widgets"`
}

// Service manages and renders dashboards.
type Service struct {
	DB       *sql.DB
	Metrics  *reporting.Metrics
	Forecast *forecast.Service
}

// Save creates or replaces a dashboard.
func (s *Service) Save(ctx context.Context, tenantID core.ID, d Dashboard) (Dashboard, error) {
	for _, w := range d.Widgets {
		switch w.Kind {
		case KindPipeline, KindWinRate, KindActivity, KindForecast, KindUsage:
		default:
			return d, errs.Invalid("unknown widget kind " + w.Kind)
		}
	}
	if d.ID == "" {
		d.ID = core.NewID("db")
	}
	raw, _ := json.Marshal(d.Widgets)
	_, err := s.DB.ExecContext(ctx, `INSERT INTO dashboards (id, tenant_id, owner_id, name, widgets, shared, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)
		ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, widgets = EXCLUDED.widgets, shared = EXCLUDED.shared, updated_at = EXCLUDED.updated_at`,
		d.ID, tenantID, d.OwnerID, d.Name, raw, d.Shared, time.Now().UTC())
	return d, err
}

// Get loads a dashboard visible to userID.
func (s *Service) Get(ctx context.Context, tenantID, userID, id core.ID) (Dashboard, error) {
	var d Dashboard
	var raw []byte
	err := s.DB.QueryRowContext(ctx, `SELECT id, owner_id, name, shared, widgets FROM dashboards
		WHERE tenant_id = $1 AND id = $2 AND (shared OR owner_id = $3)`, tenantID, id, userID).Scan(&d.ID, &d.OwnerID, &d.Name, &d.Shared, &raw)
	if err != nil {
		return d, db.NoRows(err, "dashboard")
	}
	return d, json.Unmarshal(raw, &d.Widgets)
}

// Rendered is a widget with its data.
type Rendered struct {
	Widget
	Data  any    `json:"data,omitempty"`
	Error string `json:"error,omitempty"`
}

// Render computes every widget; failures are reported per widget.
func (s *Service) Render(ctx context.Context, tenantID core.ID, d Dashboard, owners []core.ID) []Rendered {
	now := s.Metrics.Clock.Now()
	out := make([]Rendered, 0, len(d.Widgets))
	for _, w := range d.Widgets {
		days := w.Days
		if days <= 0 {
			days = 30
		}
		from := now.AddDate(0, 0, -days)
		var data any
		var err error
		switch w.Kind {
		case KindPipeline:
			data, err = s.Metrics.PipelineByStage(ctx, tenantID, owners)
		case KindWinRate:
			data, err = s.Metrics.WinRateBetween(ctx, tenantID, from, now)
		case KindActivity:
			data, err = s.Metrics.ActivityByRep(ctx, tenantID, from, now)
		case KindForecast:
			months := max(w.Months, 3)
			data, err = s.Forecast.Build(ctx, tenantID, now, months, owners)
		case KindUsage:
			data, err = s.Metrics.UsageFor(ctx, tenantID)
		}
		r := Rendered{Widget: w, Data: data}
		if err != nil {
			r.Data, r.Error = nil, errs.Public(err)
		}
		out = append(out, r)
	}
	return out
}
