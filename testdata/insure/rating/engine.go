// Package rating computes premiums from filed rate tables.
package rating

import (
	"context"
	"fmt"
	"time"

	"harbormutual.com/core/claims/claimsdb"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
	"harbormutual.com/core/rating/factors"
	"harbormutual.com/core/rating/tables"
)

// Input is everything needed to rate a risk.
type Input struct {
	LOB        domain.LineOfBusiness
	State      string
	Effective  time.Time
	TermMonths int
	Customer   *domain.Customer
	Risk       domain.Risk
	Coverages  []domain.Coverage // limits and deductibles requested; Premium ignored
}

// Step is one line of the rating worksheet kept for regulators.
type Step struct {
	Coverage domain.CoverageCode `json:"coverage"`
	Factor   string              `json:"factor"`
	Key      string              `json:"key"`
	Value    float64             `json:"value"`
}

// Result is the rated outcome.
type Result struct {
	Coverages   []domain.Coverage `json:"coverages"`
	PolicyFee   money.Money       `json:"policy_fee"`
	Premium     money.Money       `json:"premium"`
	RateVersion string            `json:"rate_version"`
	Worksheet   []Step            `json:"worksheet"`
}

// Engine rates quotes, endorsements and renewals.
type Engine struct {
	tables *tables.Cache
	// losses gives prior-claims history for the loss_history factor.
	// TODO(rating-team): move to a loss-history feed instead of reading claims.
	losses *claimsdb.Repo
	log    *log.Logger
}

func NewEngine(tc *tables.Cache, losses *claimsdb.Repo) *Engine {
	return &Engine{tables: tc, losses: losses, log: log.New("rating")}
}

// sheet accumulates multipliers and the worksheet lines explaining them.
type sheet struct {
	t     *tables.Table
	cov   domain.CoverageCode
	mult  float64
	steps []Step
}

func (s *sheet) add(name, key string) {
	f := s.t.Factor(name, key)
	s.mult *= f
	s.steps = append(s.steps, Step{Coverage: s.cov, Factor: name, Key: key, Value: f})
}

// Rate prices the input.
func (e *Engine) Rate(ctx context.Context, in Input) (*Result, error) {
	if !in.LOB.Valid() {
		return nil, errs.Invalidf("rating.Rate", "unknown line %q", in.LOB)
	}
	if len(in.Coverages) == 0 {
		return nil, errs.Invalidf("rating.Rate", "no coverages requested")
	}
	if in.TermMonths == 0 {
		in.TermMonths = 12
	}
	t, err := e.tables.Get(ctx, in.LOB, in.State, in.Effective)
	if err != nil {
		return nil, err
	}
	common := &sheet{t: t, mult: 1}
	if err := e.commonFactors(ctx, common, in); err != nil {
		return nil, err
	}
	res := &Result{RateVersion: t.Version, PolicyFee: t.PolicyFee, Worksheet: common.steps}
	for _, req := range in.Coverages {
		base, ok := t.Base[req.Code]
		if !ok {
			return nil, errs.Invalidf("rating.Rate", "coverage %s not offered for %s in %s", req.Code, in.LOB, in.State)
		}
		sh := &sheet{t: t, cov: req.Code, mult: common.mult}
		switch in.LOB {
		case domain.Auto:
			autoFactors(sh, in)
		case domain.Home:
			homeFactors(sh, in)
		}
		if req.Deductible > 0 {
			sh.add(factors.Deductible+"_"+string(req.Code), factors.DeductibleKey(req.Deductible))
		}
		if req.Limit > 0 {
			sh.add(factors.LimitIncrement+"_"+string(req.Code), factors.LimitKey(req.Limit))
		}
		cov := req
		cov.Premium = base.Mul(sh.mult).Mul(float64(in.TermMonths) / 12)
		res.Coverages = append(res.Coverages, cov)
		res.Premium += cov.Premium
		res.Worksheet = append(res.Worksheet, sh.steps...)
	}
	if res.Premium < t.MinPremium {
		e.log.Debug("minimum premium applied", "rated", res.Premium.String(), "min", t.MinPremium.String())
		res.Premium = t.MinPremium
	}
	res.Premium += t.PolicyFee
	return res, nil
}

func (e *Engine) commonFactors(ctx context.Context, sh *sheet, in Input) error {
	if in.Customer == nil {
		return nil
	}
	if !factors.CreditProhibited[in.State] {
		sh.add(factors.CreditTier, factors.CreditTierFor(in.Customer.CreditScore))
	}
	if in.Customer.ID != 0 && e.losses != nil {
		h, err := e.losses.LossHistorySince(ctx, in.Customer.ID, in.Effective.AddDate(-5, 0, 0))
		if err != nil {
			return fmt.Errorf("rating: loss history: %w", err)
		}
		sh.add(factors.LossHistory, factors.Capped(h.Count, 3))
	}
	return nil
}

func autoFactors(sh *sheet, in Input) {
	if d, ok := factors.PrincipalDriver(in.Risk.Drivers); ok {
		sh.add(factors.DriverAge, factors.DriverAgeBand(d.Age))
		sh.add(factors.Experience, factors.ExperienceBand(d.YearsLicensed))
		sh.add(factors.Violations, factors.Capped(d.Violations, 3))
		sh.add(factors.Accidents, factors.Capped(d.AtFaultAccidents, 2))
	}
	if len(in.Risk.Vehicles) > 0 {
		v := in.Risk.Vehicles[0]
		sh.add(factors.Territory, factors.TerritoryFor(v.GarageZip))
		sh.add(factors.Usage, v.Usage)
		sh.add(factors.Mileage, factors.MileageBand(v.AnnualMiles))
		if sh.cov == domain.Collision || sh.cov == domain.Comprehensive {
			sh.add(factors.VehicleAge, factors.VehicleAgeBand(v.Year, in.Effective))
		}
		if sh.cov == domain.Comprehensive {
			sh.add(factors.AntiTheft, factors.Bool(v.AntiTheft))
		}
	}
	// additional vehicles are rated at 85% (multi-car discount is in the base filing)
	if n := len(in.Risk.Vehicles); n > 1 {
		sh.mult *= 1 + 0.85*float64(n-1)
	}
}

func homeFactors(sh *sheet, in Input) {
	d := in.Risk.Dwelling
	if d == nil {
		return
	}
	sh.add(factors.Territory, factors.TerritoryFor(d.Zip))
	sh.add(factors.Construction, d.Construction)
	sh.add(factors.Protection, factors.ProtectionBand(d.ProtectionClass))
	sh.add(factors.RoofAge, factors.RoofAgeBand(d.RoofAge))
	sh.add(factors.Coastal, factors.CoastalBand(d.CoastMiles))
	sh.add(factors.HomeAge, factors.HomeAgeBand(d.YearBuilt, in.Effective))
	sh.add(factors.Alarm, factors.Bool(d.HasAlarm))
}

// MidTermChange prices a change effective part-way through the term and
// returns the pro-rated premium difference.
func (e *Engine) MidTermChange(ctx context.Context, p *domain.Policy, in Input, changeDate time.Time) (*Result, money.Money, error) {
	in.Effective = p.Effective // rate on the term's original table
	in.TermMonths = p.TermMonths
	res, err := e.Rate(ctx, in)
	if err != nil {
		return nil, 0, err
	}
	frac := dates.ProRata(p.Effective, p.Expiry, changeDate)
	delta := (res.Premium - p.Premium).Mul(frac)
	return res, delta, nil
}
