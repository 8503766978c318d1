// Package analytics produces hiring reports (funnel, time to fill, EEO),
// nightly snapshots and daily rollups fed by domain events.
package analytics

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/hirebase/ats/internal/app/analytics/eeo"
	dbanalytics "github.com/hirebase/ats/internal/db/analytics"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
)

type Service struct {
	store *dbanalytics.Store
	log   *slog.Logger
}

func New(store *dbanalytics.Store, log *slog.Logger) *Service {
	return &Service{store: store, log: log}
}

// Range is a reporting window [From, To).
type Range struct{ From, To time.Time }

func (r Range) Validate() error {
	if !r.From.Before(r.To) || r.To.Sub(r.From) > 366*24*time.Hour {
		return errs.Validation("reporting range must be positive and at most one year")
	}
	return nil
}

// LastDays returns the window of n days ending today.
func LastDays(n int, now time.Time) Range {
	to := now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	return Range{From: to.AddDate(0, 0, -n), To: to}
}

// Funnel returns stage rows in pipeline order with stage-to-stage conversion.
func (s *Service) Funnel(ctx context.Context, tenantID, reqID string, r Range) ([]models.FunnelRow, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	rows, err := s.store.Funnel(ctx, tenantID, reqID, r.From, r.To)
	if err != nil {
		return nil, err
	}
	order, err := s.store.StageOrder(ctx, tenantID)
	return OrderFunnel(rows, order), err
}

// OrderFunnel sorts rows by stage order, fills missing stages with zeros,
// and computes conversion from the previous stage.
func OrderFunnel(rows []models.FunnelRow, order []string) []models.FunnelRow {
	byStage := map[string]models.FunnelRow{}
	for _, r := range rows {
		byStage[r.Stage] = r
	}
	out := make([]models.FunnelRow, 0, len(order))
	for i, st := range order {
		r := byStage[st]
		r.Stage = st
		if i > 0 && out[i-1].Entered > 0 {
			r.Conversion = float64(r.Entered) / float64(out[i-1].Entered)
		} else if i == 0 && r.Entered > 0 {
			r.Conversion = 1
		}
		out = append(out, r)
	}
	return out
}

func (s *Service) TimeToFill(ctx context.Context, tenantID string, r Range) ([]models.TimeToFill, float64, error) {
	if err := r.Validate(); err != nil {
		return nil, 0, err
	}
	rows, err := s.store.TimeToFill(ctx, tenantID, r.From, r.To)
	return rows, Median(rows), err
}

// Median time to fill across requisitions, weighted by hires.
func Median(rows []models.TimeToFill) float64 {
	var xs []float64
	for _, r := range rows {
		for range r.Hires {
			xs = append(xs, r.Days)
		}
	}
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

func (s *Service) EEO(ctx context.Context, tenantID string, r Range) (eeo.Report, error) {
	if err := r.Validate(); err != nil {
		return eeo.Report{}, err
	}
	rows, err := s.store.EEOCounts(ctx, tenantID, r.From, r.To)
	return eeo.Build(rows), err
}

func (s *Service) RecordEEO(ctx context.Context, tenantID, appID, gender, ethnicity, veteran string) error {
	if !slices.Contains([]string{"", "female", "male", "nonbinary", "decline"}, gender) ||
		!slices.Contains([]string{"", "protected_veteran", "not_veteran", "decline"}, veteran) {
		return errs.Validation("invalid self-identification values")
	}
	return s.store.SaveEEO(ctx, tenantID, appID, gender, ethnicity, veteran)
}

// rollups maps events to a daily metric and the payload key used as its dimension.
var rollups = map[string]struct{ metric, dimKey string }{
	events.ApplicationCreated:    {"applications", "source"},
	events.ApplicationStageMoved: {"stage_entries", "to"},
	events.ApplicationRejected:   {"rejections", "stage"},
	events.ApplicationHired:      {"hires", ""},
	events.OfferDeclined:         {"offer_declines", ""},
}

// OnEvent maintains the daily rollups from domain events.
func (s *Service) OnEvent(ctx context.Context, e events.Event) error {
	r, ok := rollups[e.Name]
	if !ok {
		return nil
	}
	var p map[string]string
	if len(e.Data) > 0 {
		if err := e.Decode(&p); err != nil {
			return err
		}
	}
	return s.store.IncrementDaily(ctx, e.TenantID, e.At, r.metric, p[r.dimKey])
}

// BuildSnapshots precomputes the 90-day dashboard reports for every live tenant.
func (s *Service) BuildSnapshots(ctx context.Context) error {
	tenants, err := s.store.LiveTenants(ctx)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	r := LastDays(90, now)
	for _, t := range tenants {
		funnel, err := s.Funnel(ctx, t, "", r)
		if err != nil {
			s.log.Warn("analytics: funnel snapshot failed", "tenant_id", t, "err", err)
			continue
		}
		ttf, median, err := s.TimeToFill(ctx, t, r)
		if err == nil {
			err = s.store.SaveSnapshot(ctx, t, "funnel_90d", now, funnel)
		}
		if err == nil {
			err = s.store.SaveSnapshot(ctx, t, "time_to_fill_90d", now, map[string]any{"rows": ttf, "median_days": median})
		}
		if err != nil {
			return err
		}
	}
	return nil
}
