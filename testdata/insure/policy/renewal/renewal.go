// Package renewal offers renewals for expiring policies. Runs nightly.
package renewal

import (
	"context"
	"fmt"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/ids"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
	"harbormutual.com/core/policy/policydb"
	"harbormutual.com/core/rating"
	"harbormutual.com/core/underwriting"
	"harbormutual.com/core/underwriting/rules"
)

// MaxIncrease caps the renewal premium increase (filed rate-capping rule).
const MaxIncrease = 0.15

type CustomerSource interface {
	Get(ctx context.Context, id int64) (*domain.Customer, error)
}

// Notifier sends the statutory non-renewal notice; correspondence.Service.
type Notifier interface {
	NotifyNonRenewal(ctx context.Context, p *domain.Policy, reasons []string) error
}

type Renewer struct {
	db        *db.DB
	repo      *policydb.Repo
	engine    *rating.Engine
	uw        *underwriting.Service
	customers CustomerSource
	notify    Notifier
	bus       events.Publisher
	leadDays  int
	log       *log.Logger
}

func New(pool *db.DB, repo *policydb.Repo, engine *rating.Engine, uw *underwriting.Service,
	customers CustomerSource, notify Notifier, bus events.Publisher, leadDays int) *Renewer {
	return &Renewer{db: pool, repo: repo, engine: engine, uw: uw, customers: customers, notify: notify,
		bus: bus, leadDays: leadDays, log: log.New("renewal")}
}

// Stats is the nightly summary.
type Stats struct {
	Renewed    int
	NonRenewed int
	Capped     int
	Failed     int
}

// Run offers renewals for policies expiring within leadDays of asOf.
func (r *Renewer) Run(ctx context.Context, asOf time.Time) (Stats, error) {
	var st Stats
	due, err := r.repo.ExpiringBetween(ctx, asOf, asOf.AddDate(0, 0, r.leadDays))
	if err != nil {
		return st, err
	}
	for _, p := range due {
		if err := r.renewOne(ctx, p, &st); err != nil {
			st.Failed++
			r.log.Error("renewal failed", err, "policy", p.Number)
		}
	}
	return st, nil
}

func (r *Renewer) renewOne(ctx context.Context, p *domain.Policy, st *Stats) error {
	cust, err := r.customers.Get(ctx, p.CustomerID)
	if err != nil {
		return err
	}
	newEff := p.Expiry
	out, err := r.uw.Evaluate(ctx, fmt.Sprintf("renewal:%d", p.ID), &rules.Subject{LOB: p.LOB, State: p.State,
		Effective: newEff, Customer: cust, Risk: p.Risk, Coverages: p.Coverages, Premium: p.Premium, Renewal: true}, "renewal")
	if err != nil {
		return err
	}
	if out.Decision == domain.Decline {
		st.NonRenewed++
		return r.notify.NotifyNonRenewal(ctx, p, out.Notes())
	}
	res, err := r.engine.Rate(ctx, rating.Input{LOB: p.LOB, State: p.State, Effective: newEff,
		TermMonths: p.TermMonths, Customer: cust, Risk: p.Risk, Coverages: p.Coverages})
	if err != nil {
		return err
	}
	premium := res.Premium
	if limit := p.Premium.Mul(1 + MaxIncrease); premium > limit {
		st.Capped++
		scale := limit.Float() / premium.Float()
		for i := range res.Coverages {
			res.Coverages[i].Premium = res.Coverages[i].Premium.Mul(scale)
		}
		premium = limit
	}
	next := &domain.Policy{
		QuoteID: p.QuoteID, CustomerID: p.CustomerID, AgentID: p.AgentID, LOB: p.LOB, State: p.State,
		Status: domain.PolicyPending, Effective: newEff, Expiry: dates.AddMonths(newEff, p.TermMonths),
		TermMonths: p.TermMonths, Version: 1, Coverages: res.Coverages, Risk: p.Risk, Premium: premium,
		BillingPlan: p.BillingPlan, RenewalOfID: p.ID,
	}
	err = r.db.WithTx(ctx, func(ctx context.Context) error {
		seq, err := r.repo.NextSeq(ctx)
		if err != nil {
			return err
		}
		next.Number = ids.PolicyNumber(string(p.LOB), p.State, seq)
		return r.repo.Insert(ctx, next)
	})
	if err != nil {
		return err
	}
	st.Renewed++
	r.log.Info("renewal offered", "prior", p.Number, "new", next.Number, "change",
		money.Sum(premium, p.Premium.Neg()).String())
	return r.bus.Publish(ctx, events.PolicyRenewedEvent{PriorPolicyID: p.ID, PolicyID: next.ID,
		PolicyNumber: next.Number, CustomerID: next.CustomerID, AgentID: next.AgentID, Premium: next.Premium,
		Effective: next.Effective})
}
