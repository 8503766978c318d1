// Package service is the pricing context's public API: tariff lookup,
// tariff changes, and the rate periods billing charges against.
package service

import (
	"context"
	"time"

	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/pricing/domain"
	"gridline.energy/platform/services/pricing/store"
)

type Service struct {
	store *store.Store
	now   func() time.Time
}

func New(s *store.Store) *Service { return &Service{store: s, now: time.Now} }

// Period is a slice of a billing period during which one tariff applied.
type Period struct {
	From, To      time.Time
	TariffCode    string
	MultiRate     bool
	StandingPence float64
	UnitPence     map[domain.Band]float64
}

func (p Period) Days() float64 { return p.To.Sub(p.From).Hours() / 24 }

// PeriodsFor splits [from, to) at every tariff or rate change for a site.
func (s *Service) PeriodsFor(ctx context.Context, siteID string, from, to time.Time) ([]Period, error) {
	as, err := s.store.Assignments(ctx, siteID, from, to)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, errs.NotFound("pricing.PeriodsFor", "site %s has no tariff between %s and %s",
			siteID, from.Format("2006-01-02"), to.Format("2006-01-02"))
	}
	var out []Period
	for _, a := range as {
		t, err := s.store.TariffByID(ctx, a.TariffID)
		if err != nil {
			return nil, err
		}
		start, end := maxTime(from, a.From), to
		if a.To != nil && a.To.Before(end) {
			end = *a.To
		}
		// split further where a rate changes inside the assignment
		cuts := []time.Time{start}
		for _, r := range t.Rates {
			if r.From.After(start) && r.From.Before(end) {
				cuts = append(cuts, r.From)
			}
		}
		cuts = append(cuts, end)
		for i := 0; i+1 < len(cuts); i++ {
			p := Period{From: cuts[i], To: cuts[i+1], TariffCode: t.Code, MultiRate: t.MultiRate,
				StandingPence: t.StandingPence, UnitPence: map[domain.Band]float64{}}
			for _, b := range t.Bands() {
				rate, ok := t.UnitRate(b, cuts[i])
				if !ok {
					return nil, errs.Invalid("pricing.PeriodsFor", "tariff %s has no %s rate on %s", t.Code, b, cuts[i].Format("2006-01-02"))
				}
				p.UnitPence[b] = rate
			}
			if !p.To.After(p.From) {
				continue
			}
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *Service) Tariff(ctx context.Context, code string) (domain.Tariff, error) {
	return s.store.TariffByCode(ctx, code)
}

// ChangeResult tells the caller what a tariff change costs.
type ChangeResult struct {
	Assignment domain.Assignment `json:"assignment"`
	ExitFee    money.Pence       `json:"exit_fee"`
}

// Change moves a site to a new tariff from a date. An exit fee applies when
// leaving a fixed tariff before the final 49 days of the fix.
func (s *Service) Change(ctx context.Context, siteID string, fuel models.Fuel, code string, from time.Time) (ChangeResult, error) {
	const op = "pricing.Change"
	t, err := s.store.TariffByCode(ctx, code)
	if err != nil {
		return ChangeResult{}, err
	}
	if t.Fuel != fuel {
		return ChangeResult{}, errs.Invalid(op, "tariff %s is for %s", code, t.Fuel)
	}
	var fee money.Pence
	cur, err := s.store.Assignments(ctx, siteID, from, from.Add(time.Hour))
	if err != nil {
		return ChangeResult{}, err
	}
	for _, a := range cur {
		if a.TariffID == t.ID {
			return ChangeResult{}, errs.Conflict(op, "site already on %s", code)
		}
		if a.FixedUntil != nil && a.FixedUntil.Sub(from) > domain.ExitFeeWindow {
			old, err := s.store.TariffByID(ctx, a.TariffID)
			if err != nil {
				return ChangeResult{}, err
			}
			fee += old.ExitFee
		}
	}
	a := domain.Assignment{SiteID: siteID, TariffID: t.ID, TariffCode: t.Code, From: from}
	if t.Fixed {
		until := from.AddDate(1, 0, 0)
		a.FixedUntil = &until
	}
	if err := s.store.Reassign(ctx, a); err != nil {
		return ChangeResult{}, err
	}
	return ChangeResult{Assignment: a, ExitFee: fee}, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
