// Package endorse applies mid-term changes to a policy: vehicles, drivers,
// coverages and garaging address. Every endorsement creates a new policy
// version and re-rates pro rata.
package endorse

import (
	"context"
	"fmt"
	"slices"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
	"harbormutual.com/core/policy/policydb"
	"harbormutual.com/core/rating"
	"harbormutual.com/core/underwriting"
	"harbormutual.com/core/underwriting/rules"
)

// Kind is the type of change.
type Kind string

const (
	AddVehicle     Kind = "ADD_VEHICLE"
	RemoveVehicle  Kind = "REMOVE_VEHICLE"
	AddDriver      Kind = "ADD_DRIVER"
	ChangeCoverage Kind = "CHANGE_COVERAGE"
)

// Change is one requested endorsement.
type Change struct {
	Kind      Kind             `json:"kind"`
	Effective time.Time        `json:"effective"`
	Vehicle   *domain.Vehicle  `json:"vehicle,omitempty"`
	Driver    *domain.Driver   `json:"driver,omitempty"`
	VIN       string           `json:"vin,omitempty"`
	Coverage  *domain.Coverage `json:"coverage,omitempty"`
	Note      string           `json:"note,omitempty"`
}

// Result reports the new version and premium movement.
type Result struct {
	Policy       *domain.Policy `json:"policy"`
	PremiumDelta money.Money    `json:"premium_delta"`
}

type CustomerSource interface {
	Get(ctx context.Context, id int64) (*domain.Customer, error)
}

type Endorser struct {
	db        *db.DB
	repo      *policydb.Repo
	engine    *rating.Engine
	uw        *underwriting.Service
	customers CustomerSource
	bus       events.Publisher
	log       *log.Logger
}

func New(pool *db.DB, repo *policydb.Repo, engine *rating.Engine, uw *underwriting.Service,
	customers CustomerSource, bus events.Publisher) *Endorser {
	return &Endorser{db: pool, repo: repo, engine: engine, uw: uw, customers: customers, bus: bus, log: log.New("endorse")}
}

func apply(p *domain.Policy, c Change) error {
	r := &p.Risk
	switch c.Kind {
	case AddVehicle:
		if p.LOB != domain.Auto || c.Vehicle == nil {
			return errs.Invalidf("endorse.apply", "vehicle required on an auto policy")
		}
		if len(r.Vehicles) >= 6 {
			return errs.Invalidf("endorse.apply", "maximum 6 vehicles per policy")
		}
		r.Vehicles = append(r.Vehicles, *c.Vehicle)
	case RemoveVehicle:
		i := slices.IndexFunc(r.Vehicles, func(v domain.Vehicle) bool { return v.VIN == c.VIN })
		if i < 0 {
			return errs.NotFoundf("endorse.apply", "vehicle %s not on policy", c.VIN)
		}
		if len(r.Vehicles) == 1 {
			return errs.Invalidf("endorse.apply", "cannot remove the last vehicle; cancel instead")
		}
		r.Vehicles = slices.Delete(r.Vehicles, i, i+1)
	case AddDriver:
		if c.Driver == nil {
			return errs.Invalidf("endorse.apply", "driver required")
		}
		r.Drivers = append(r.Drivers, *c.Driver)
	case ChangeCoverage:
		if c.Coverage == nil {
			return errs.Invalidf("endorse.apply", "coverage required")
		}
		i := slices.IndexFunc(p.Coverages, func(cv domain.Coverage) bool { return cv.Code == c.Coverage.Code })
		if i < 0 {
			p.Coverages = append(p.Coverages, *c.Coverage)
		} else if c.Coverage.Limit == 0 {
			p.Coverages = slices.Delete(p.Coverages, i, i+1)
		} else {
			p.Coverages[i] = *c.Coverage
		}
	default:
		return errs.Invalidf("endorse.apply", "unknown change %q", c.Kind)
	}
	return nil
}

// Endorse applies c to the policy and saves a new version.
func (e *Endorser) Endorse(ctx context.Context, policyID int64, c Change, actor string) (*Result, error) {
	var res Result
	err := e.db.WithTx(ctx, func(ctx context.Context) error {
		p, err := e.repo.GetForUpdate(ctx, policyID)
		if err != nil {
			return err
		}
		if p.Status != domain.PolicyActive {
			return errs.Conflictf("endorse.Endorse", "policy %s is %s", p.Number, p.Status)
		}
		if c.Effective.Before(p.Effective) || !c.Effective.Before(p.Expiry) {
			return errs.Invalidf("endorse.Endorse", "effective date outside policy term")
		}
		next := *p
		next.Risk.Vehicles = slices.Clone(p.Risk.Vehicles)
		next.Risk.Drivers = slices.Clone(p.Risk.Drivers)
		next.Coverages = slices.Clone(p.Coverages)
		if err := apply(&next, c); err != nil {
			return err
		}
		cust, err := e.customers.Get(ctx, p.CustomerID)
		if err != nil {
			return err
		}
		if c.Kind == AddDriver || c.Kind == AddVehicle {
			out, err := e.uw.Evaluate(ctx, fmt.Sprintf("policy:%d:v%d", p.ID, p.Version+1), &rules.Subject{
				LOB: next.LOB, State: next.State, Effective: c.Effective, Customer: cust, Risk: next.Risk,
				Coverages: next.Coverages, Renewal: true}, actor)
			if err != nil {
				return err
			}
			if out.Decision != domain.Accept {
				return errs.Conflictf("endorse.Endorse", "change needs underwriting approval: %v", out.Notes())
			}
		}
		rated, delta, err := e.engine.MidTermChange(ctx, p, rating.Input{LOB: next.LOB, State: next.State,
			Customer: cust, Risk: next.Risk, Coverages: next.Coverages}, c.Effective)
		if err != nil {
			return err
		}
		next.Coverages = rated.Coverages
		next.Premium = rated.Premium
		next.Version = p.Version + 1
		note := string(c.Kind)
		if c.Note != "" {
			note += ": " + c.Note
		}
		if err := e.repo.SaveVersion(ctx, &next, note, c.Effective); err != nil {
			return err
		}
		res = Result{Policy: &next, PremiumDelta: delta}
		return nil
	})
	if err != nil {
		return nil, err
	}
	e.log.Info("policy endorsed", "policy", policyID, "kind", c.Kind, "delta", res.PremiumDelta.String())
	err = e.bus.Publish(ctx, events.PolicyEndorsedEvent{PolicyID: policyID, CustomerID: res.Policy.CustomerID, Version: res.Policy.Version,
		PremiumDelta: res.PremiumDelta, Effective: c.Effective})
	return &res, err
}
