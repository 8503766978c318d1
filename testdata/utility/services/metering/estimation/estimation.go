// Package estimation produces estimated reads: for bills when no actual read
// is available, for final reads on a switch or move-out, and as a periodic
// job for meters that have not been read for a quarter.
package estimation

import (
	"context"
	"log/slog"
	"math"
	"time"

	"gridline.energy/platform/core/accounts/sites"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/services/metering/domain"
	"gridline.energy/platform/services/metering/store"
)

// Register weights for a two-rate meter when there is no read history.
var profileShare = map[string]float64{"day": 0.58, "night": 0.42, "1": 1}

const (
	MinHistoryDays  = 30
	FinalReadWindow = 5 * 24 * time.Hour
)

type Estimator struct {
	store *store.Store
	sites *sites.Service
	log   *slog.Logger
}

func New(s *store.Store, st *sites.Service, log *slog.Logger) *Estimator {
	return &Estimator{store: s, sites: st, log: log}
}

// Estimate projects a register value at time at. It uses the daily rate
// between the last two actual reads when they are far enough apart, and the
// site's EAC otherwise.
func (e *Estimator) Estimate(ctx context.Context, m domain.Meter, register string, at time.Time, eac float64) (float64, error) {
	acts, err := e.store.LastActuals(ctx, m.ID, register, 2)
	if err != nil {
		return 0, err
	}
	if len(acts) == 0 {
		return 0, nil
	}
	last := acts[0]
	days := at.Sub(last.ReadAt).Hours() / 24
	if days <= 0 {
		return last.Value, nil
	}
	var perDay float64
	if len(acts) == 2 && last.ReadAt.Sub(acts[1].ReadAt).Hours()/24 >= MinHistoryDays {
		adv, _ := domain.Advance(acts[1].Value, last.Value, m.Dials)
		perDay = adv / (last.ReadAt.Sub(acts[1].ReadAt).Hours() / 24)
	} else {
		share, ok := profileShare[register]
		if !ok {
			share = 1 / float64(max(len(m.Registers), 1))
		}
		perDay = eac * share / 365
		perDay /= domain.ToKWh(1, m.Unit) // back to meter units
	}
	v := last.Value + perDay*days
	full := math.Pow10(m.Dials)
	if v >= full {
		v -= full
	}
	return math.Round(v), nil
}

// FinalReads returns a read for every live register on a site at the given
// date, using an actual within five days where one exists and recording an
// estimate otherwise.
func (e *Estimator) FinalReads(ctx context.Context, siteID string, at time.Time) ([]models.Reading, error) {
	site, err := e.sites.Get(ctx, siteID)
	if err != nil {
		return nil, err
	}
	ms, err := e.store.MetersForSite(ctx, siteID, false)
	if err != nil {
		return nil, err
	}
	var out []models.Reading
	for _, m := range ms {
		for _, reg := range m.Registers {
			prev, ok, err := e.store.LastAccepted(ctx, m.ID, reg, at.Add(FinalReadWindow))
			if err != nil {
				return nil, err
			}
			if ok && prev.Source != models.ReadEstimate && at.Sub(prev.ReadAt).Abs() <= FinalReadWindow {
				out = append(out, prev)
				continue
			}
			v, err := e.Estimate(ctx, m, reg, at, site.EAC)
			if err != nil {
				return nil, err
			}
			rd := models.Reading{ID: ids.New(ids.PrefixReading), MeterID: m.ID, Register: reg, Value: v,
				ReadAt: at, Source: models.ReadEstimate, Status: models.ReadAccepted}
			if err := e.store.InsertReading(ctx, e.store.DB(), rd); err != nil {
				return nil, err
			}
			out = append(out, rd)
		}
	}
	return out, nil
}
