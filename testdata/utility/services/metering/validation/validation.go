// Package validation applies the read acceptance rules. A read is accepted,
// rejected outright, or held in exception for a meter-data analyst.
package validation

import (
	"context"
	"fmt"
	"time"

	"gridline.energy/platform/core/models"
	"gridline.energy/platform/services/metering/domain"
	"gridline.energy/platform/services/metering/store"
)

type Result struct {
	Status string // models.ReadAccepted | ReadException | ReadRejected
	Rule   string
	Detail string
}

func accept() Result { return Result{Status: models.ReadAccepted} }

func reject(rule, format string, a ...any) Result {
	return Result{Status: models.ReadRejected, Rule: rule, Detail: fmt.Sprintf(format, a...)}
}

func hold(rule, format string, a ...any) Result {
	return Result{Status: models.ReadException, Rule: rule, Detail: fmt.Sprintf(format, a...)}
}

// Tolerances. Industry practice is a multiple of expected daily usage with
// an absolute floor so that low-usage homes are not flagged for one kettle.
const (
	HighUsageFactor   = 4.0
	HighUsageFloorKWh = 150.0
	ZeroUsageDays     = 60
	RolloverBand      = 0.1
)

type Validator struct {
	store *store.Store
	now   func() time.Time
}

func New(s *store.Store) *Validator { return &Validator{store: s, now: time.Now} }

// Check validates r against meter m on a site with estimated annual
// consumption eac (kWh).
func (v *Validator) Check(ctx context.Context, m domain.Meter, r models.Reading, eac float64) (Result, error) {
	now := v.now()
	switch {
	case r.ReadAt.After(now.Add(time.Hour)):
		return reject(domain.RuleFutureDate, "read dated %s is in the future", r.ReadAt.Format(time.RFC3339)), nil
	case r.ReadAt.Before(m.InstalledAt):
		return reject(domain.RuleBeforeInstall, "read predates install on %s", m.InstalledAt.Format("2006-01-02")), nil
	case !m.HasRegister(r.Register):
		return reject(domain.RuleUnknownReg, "meter %s has no register %q", m.Serial, r.Register), nil
	case r.Value < 0:
		return reject(domain.RuleNegative, "negative register value"), nil
	}
	dup, err := v.store.Exists(ctx, m.ID, r.Register, r.ReadAt)
	if err != nil {
		return Result{}, err
	}
	if dup {
		return reject(domain.RuleDuplicate, "a read already exists for that day"), nil
	}
	prev, ok, err := v.store.LastAccepted(ctx, m.ID, r.Register, r.ReadAt)
	if err != nil {
		return Result{}, err
	}
	if !ok {
		return accept(), nil // opening read
	}
	adv, rolled := domain.Advance(prev.Value, r.Value, m.Dials)
	if rolled && !plausibleRollover(prev.Value, r.Value, m.Dials) {
		return hold(domain.RuleNegative, "read %.0f below previous %.0f", r.Value, prev.Value), nil
	}
	days := r.ReadAt.Sub(prev.ReadAt).Hours() / 24
	if days < 1 {
		days = 1
	}
	kwh := domain.ToKWh(adv, m.Unit)
	expected := eac / 365 * days / float64(max(len(m.Registers), 1))
	if kwh > expected*HighUsageFactor && kwh > HighUsageFloorKWh {
		return hold(domain.RuleHighUsage, "%.0f kWh over %.0f days, expected about %.0f", kwh, days, expected), nil
	}
	if adv == 0 && days >= ZeroUsageDays && r.Source != models.ReadEstimate {
		return hold(domain.RuleZeroUsage, "no advance in %.0f days - possible stopped meter or void", days), nil
	}
	return accept(), nil
}

func plausibleRollover(prev, cur float64, dials int) bool {
	full := 1.0
	for i := 0; i < dials; i++ {
		full *= 10
	}
	return prev >= full*(1-RolloverBand) && cur <= full*RolloverBand
}
