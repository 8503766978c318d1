// Package forecast computes weighted revenue forecasts from open deals.
package forecast

import (
	"context"
	"sort"
	"time"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/deals"
	"pipelinelabs.io/crm/internal/deals/stages"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/errs"
)

// Category buckets deals by confidence.
type Category string

const (
	Pipeline  Category = "pipeline"   // < 50%
	BestCase  Category = "best_case"  // 50-89%
	Committed Category = "committed"  // >= 90%
	ClosedWon Category = "closed_won" // already won
)

// Categorize maps a stage probability to a forecast category.
func Categorize(probability int) Category {
	switch {
	case probability >= 90:
		return Committed
	case probability >= 50:
		return BestCase
	}
	return Pipeline
}

// Bucket is one month of the forecast.
type Bucket struct {
	Month    string                  `json:"month"` // 2006-01
	Weighted core.Money              `json:"weighted"`
	ByCat    map[Category]core.Money `json:"by_category"`
	Deals    int                     `json:"deals"`
}

// Forecast is the result for a range of months.
type Forecast struct {
	From    time.Time  `json:"from"`
	To      time.Time  `json:"to"`
	Buckets []Bucket   `json:"buckets"`
	Total   core.Money `json:"total_weighted"`
}

// Service builds forecasts.
type Service struct {
	Deals    *deals.Repo
	Stages   *stages.Store
	Clock    clock.Clock
	Currency string
}

// Build forecasts months [from, from+months).
func (s *Service) Build(ctx context.Context, tenantID core.ID, from time.Time, months int, owners []core.ID) (Forecast, error) {
	if months <= 0 || months > 24 {
		return Forecast{}, errs.Invalid("months must be between 1 and 24")
	}
	from = clock.StartOfMonth(from)
	to := from.AddDate(0, months, 0)
	open, err := s.Deals.OpenClosingBetween(ctx, tenantID, from, to, owners)
	if err != nil {
		return Forecast{}, err
	}
	won, err := s.Deals.WonBetween(ctx, tenantID, from, to, owners)
	if err != nil {
		return Forecast{}, err
	}
	sts, err := s.Stages.AllStages(ctx, tenantID)
	if err != nil {
		return Forecast{}, err
	}
	buckets := map[string]*Bucket{}
	get := func(t time.Time) *Bucket {
		k := t.Format("2006-01")
		b, ok := buckets[k]
		if !ok {
			b = &Bucket{Month: k, ByCat: map[Category]core.Money{}, Weighted: core.Money{Currency: s.Currency}}
			buckets[k] = b
		}
		return b
	}
	for m := from; m.Before(to); m = m.AddDate(0, 1, 0) {
		get(m)
	}
	for _, d := range open {
		if d.ExpectedClose == nil || d.Value.Currency != s.Currency {
			continue // multi-currency forecasting is on the roadmap
		}
		prob := sts[d.StageID].Probability
		b := get(*d.ExpectedClose)
		cat := Categorize(prob)
		b.ByCat[cat] = b.ByCat[cat].Add(d.Value)
		b.Weighted = b.Weighted.Add(d.Value.Mul(float64(prob) / 100))
		b.Deals++
	}
	for _, d := range won {
		if d.ClosedAt == nil || d.Value.Currency != s.Currency {
			continue
		}
		b := get(*d.ClosedAt)
		b.ByCat[ClosedWon] = b.ByCat[ClosedWon].Add(d.Value)
		b.Weighted = b.Weighted.Add(d.Value)
		b.Deals++
	}
	f := Forecast{From: from, To: to, Total: core.Money{Currency: s.Currency}}
	for _, b := range buckets {
		f.Buckets = append(f.Buckets, *b)
		f.Total = f.Total.Add(b.Weighted)
	}
	sort.Slice(f.Buckets, func(i, j int) bool { return f.Buckets[i].Month < f.Buckets[j].Month })
	return f, nil
}

// CurrentQuarter is a convenience used by the Slack digest and dashboards.
func (s *Service) CurrentQuarter(ctx context.Context, tenantID core.ID) (Forecast, error) {
	now := s.Clock.Now()
	qStart := time.Date(now.Year(), time.Month((int(now.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	return s.Build(ctx, tenantID, qStart, 3, nil)
}
