// Package rules holds the underwriting guidelines as code. Each rule returns
// ACCEPT (no opinion), REFER (needs an underwriter) or DECLINE.
package rules

import (
	"context"
	"fmt"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/fraud/signals"
	"harbormutual.com/core/platform/money"
)

// Subject is what is being underwritten.
type Subject struct {
	LOB       domain.LineOfBusiness
	State     string
	Effective time.Time
	Customer  *domain.Customer
	Risk      domain.Risk
	Coverages []domain.Coverage
	Premium   money.Money
	Renewal   bool
}

// Finding is one rule's outcome.
type Finding struct {
	Rule     string            `json:"rule"`
	Decision domain.UWDecision `json:"decision"`
	Reason   string            `json:"reason"`
}

type Rule interface {
	Code() string
	Applies(s *Subject) bool
	Eval(ctx context.Context, s *Subject) (*Finding, error)
}

// Set is an ordered rule set.
type Set struct {
	rules []Rule
}

func NewSet(rs ...Rule) *Set { return &Set{rules: rs} }

// Evaluate runs every applicable rule and returns the worst decision.
func (s *Set) Evaluate(ctx context.Context, subj *Subject) (domain.UWDecision, []Finding, error) {
	decision := domain.Accept
	var out []Finding
	for _, r := range s.rules {
		if !r.Applies(subj) {
			continue
		}
		f, err := r.Eval(ctx, subj)
		if err != nil {
			return "", nil, fmt.Errorf("rule %s: %w", r.Code(), err)
		}
		if f == nil {
			continue
		}
		f.Rule = r.Code()
		out = append(out, *f)
		if f.Decision == domain.Decline || (f.Decision == domain.Refer && decision == domain.Accept) {
			decision = f.Decision
		}
	}
	return decision, out, nil
}

// Default returns the production rule set.
func Default(wl *signals.Watchlist) *Set {
	return NewSet(
		driverRecord{},
		roofAge{},
		coastalExposure{},
		minimumCredit{},
		watchlist{wl: wl},
	)
}

func refer(format string, a ...any) *Finding {
	return &Finding{Decision: domain.Refer, Reason: fmt.Sprintf(format, a...)}
}

func decline(format string, a ...any) *Finding {
	return &Finding{Decision: domain.Decline, Reason: fmt.Sprintf(format, a...)}
}

type autoOnly struct{}

func (autoOnly) Applies(s *Subject) bool { return s.LOB == domain.Auto }

type homeOnly struct{}

func (homeOnly) Applies(s *Subject) bool { return s.LOB == domain.Home && s.Risk.Dwelling != nil }

type driverRecord struct{ autoOnly }

func (driverRecord) Code() string { return "AUTO-001" }
func (driverRecord) Eval(_ context.Context, s *Subject) (*Finding, error) {
	for _, d := range s.Risk.Drivers {
		if d.Violations+d.AtFaultAccidents >= 5 {
			return decline("driver %s has %d incidents", d.Name, d.Violations+d.AtFaultAccidents), nil
		}
		if d.AtFaultAccidents >= 2 {
			return refer("driver %s has %d at-fault accidents", d.Name, d.AtFaultAccidents), nil
		}
	}
	return nil, nil
}

type roofAge struct{ homeOnly }

func (roofAge) Code() string { return "HOME-002" }
func (roofAge) Eval(_ context.Context, s *Subject) (*Finding, error) {
	switch age := s.Risk.Dwelling.RoofAge; {
	case age > 25:
		return decline("roof is %d years old", age), nil
	case age > 18:
		return refer("roof is %d years old; inspection required", age), nil
	}
	return nil, nil
}

type coastalExposure struct{ homeOnly }

func (coastalExposure) Code() string { return "HOME-005" }
func (coastalExposure) Eval(_ context.Context, s *Subject) (*Finding, error) {
	d := s.Risk.Dwelling
	if d.CoastMiles < 1 && (s.State == "FL" || s.State == "LA" || s.State == "TX") {
		return decline("within 1 mile of coast in %s (moratorium)", s.State), nil
	}
	if d.CoastMiles < 1 && d.Construction == "FRAME" {
		return refer("frame construction within 1 mile of coast"), nil
	}
	return nil, nil
}

type minimumCredit struct{}

func (minimumCredit) Code() string            { return "GEN-001" }
func (minimumCredit) Applies(s *Subject) bool { return s.Customer != nil && !s.Renewal }
func (minimumCredit) Eval(_ context.Context, s *Subject) (*Finding, error) {
	if sc := s.Customer.CreditScore; sc > 0 && sc < 500 {
		return refer("insurance score %d below guideline", sc), nil
	}
	return nil, nil
}

// watchlist checks the SIU watchlist at point of sale. Added after the 2021
// staged-accident ring; reads fraud's table through its package directly.
type watchlist struct{ wl *signals.Watchlist }

func (watchlist) Code() string              { return "GEN-010" }
func (w watchlist) Applies(s *Subject) bool { return w.wl != nil && s.Customer != nil }
func (w watchlist) Eval(ctx context.Context, s *Subject) (*Finding, error) {
	p := signals.Probe{Name: s.Customer.FullName(), Email: s.Customer.Email, Phone: s.Customer.Phone}
	for _, v := range s.Risk.Vehicles {
		p.VINs = append(p.VINs, v.VIN)
	}
	hits, err := w.wl.Match(ctx, p)
	if err != nil {
		return nil, err
	}
	if len(hits) > 0 {
		return refer("SIU watchlist match (%d)", len(hits)), nil
	}
	return nil, nil
}
