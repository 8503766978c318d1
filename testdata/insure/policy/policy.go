// Package policy is policy administration: issuance, lookup, activation
// and term expiry. Endorsements, renewals and cancellations live in the
// sub-packages.
package policy

import (
	"context"
	"fmt"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/ids"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/policy/policydb"
	"harbormutual.com/core/rating"
	"harbormutual.com/core/underwriting"
	"harbormutual.com/core/underwriting/rules"
	"harbormutual.com/core/util"
)

// QuoteBinder is satisfied by quote.Service.
type QuoteBinder interface {
	ForBinding(ctx context.Context, id int64) (*domain.Quote, error)
	MarkBound(ctx context.Context, id int64) error
}

// CustomerSource is satisfied by party.Service.
type CustomerSource interface {
	Get(ctx context.Context, id int64) (*domain.Customer, error)
}

type Service struct {
	db        *db.DB
	repo      *policydb.Repo
	quotes    QuoteBinder
	engine    *rating.Engine
	uw        *underwriting.Service
	customers CustomerSource
	bus       events.Publisher
	clock     dates.Clock
	log       *log.Logger
}

func NewService(pool *db.DB, repo *policydb.Repo, quotes QuoteBinder, engine *rating.Engine,
	uw *underwriting.Service, customers CustomerSource, bus events.Publisher, clock dates.Clock) *Service {
	return &Service{db: pool, repo: repo, quotes: quotes, engine: engine, uw: uw, customers: customers,
		bus: bus, clock: clock, log: log.New("policy")}
}

// IssueRequest binds an accepted quote.
type IssueRequest struct {
	QuoteID     int64              `json:"quote_id"`
	Effective   time.Time          `json:"effective,omitempty"` // optional change of start date
	BillingPlan domain.BillingPlan `json:"billing_plan"`
}

// Issue binds a quote into a policy. The policy starts PENDING and is
// activated when billing reports the first payment.
func (s *Service) Issue(ctx context.Context, req IssueRequest) (*domain.Policy, error) {
	if req.BillingPlan == "" {
		req.BillingPlan = domain.PayInFull
	}
	var p *domain.Policy
	err := s.db.WithTx(ctx, func(ctx context.Context) error {
		q, err := s.quotes.ForBinding(ctx, req.QuoteID)
		if err != nil {
			return err
		}
		cust, err := s.customers.Get(ctx, q.CustomerID)
		if err != nil {
			return err
		}
		if !req.Effective.IsZero() && !dates.Day(req.Effective).Equal(dates.Day(q.Effective)) {
			if req.Effective.Before(dates.Today(s.clock)) {
				return errs.Invalidf("policy.Issue", "cannot backdate effective date")
			}
			res, err := s.engine.Rate(ctx, rating.Input{LOB: q.LOB, State: q.State, Effective: req.Effective,
				TermMonths: q.TermMonths, Customer: cust, Risk: q.Risk, Coverages: q.Coverages})
			if err != nil {
				return err
			}
			q.Effective, q.Coverages, q.Premium = req.Effective, res.Coverages, res.Premium
		}
		// Final underwriting at bind: the watchlist and credit can change
		// between quote and bind.
		out, err := s.uw.Evaluate(ctx, fmt.Sprintf("bind:%s", q.Ref), &rules.Subject{LOB: q.LOB, State: q.State,
			Effective: q.Effective, Customer: cust, Risk: q.Risk, Coverages: q.Coverages, Premium: q.Premium}, "bind")
		if err != nil {
			return err
		}
		if out.Decision == domain.Decline {
			return errs.Conflictf("policy.Issue", "underwriting declined at bind: %v", out.Notes())
		}
		if out.Decision == domain.Refer && q.UWDecision != domain.Refer {
			return errs.Conflictf("policy.Issue", "new underwriting referral %d at bind", out.ReferralID)
		}
		seq, err := s.repo.NextSeq(ctx)
		if err != nil {
			return err
		}
		p = &domain.Policy{
			Number: ids.PolicyNumber(string(q.LOB), q.State, seq), QuoteID: q.ID, CustomerID: q.CustomerID,
			AgentID: q.AgentID, LOB: q.LOB, State: q.State, Status: domain.PolicyPending,
			Effective: dates.Day(q.Effective), Expiry: dates.AddMonths(dates.Day(q.Effective), q.TermMonths),
			TermMonths: q.TermMonths, Version: 1, Coverages: q.Coverages, Risk: q.Risk, Premium: q.Premium,
			BillingPlan: req.BillingPlan,
		}
		if err := s.repo.Insert(ctx, p); err != nil {
			return err
		}
		return s.quotes.MarkBound(ctx, q.ID)
	})
	if err != nil {
		return nil, err
	}
	s.log.Info("policy issued", "number", p.Number, "premium", p.Premium.String())
	err = s.bus.Publish(ctx, events.PolicyIssuedEvent{PolicyID: p.ID, PolicyNumber: p.Number, CustomerID: p.CustomerID,
		AgentID: p.AgentID, LOB: string(p.LOB), Premium: p.Premium, BillingPlan: string(p.BillingPlan),
		Effective: p.Effective, Expiry: p.Expiry})
	return p, err
}

func (s *Service) Get(ctx context.Context, id int64) (*domain.Policy, error) {
	return s.repo.Get(ctx, id)
}

// Find accepts a policy number in any spacing or case.
func (s *Service) Find(ctx context.Context, number string) (*domain.Policy, error) {
	ref := util.PolicyRef(number)
	if len(ref) < 6 {
		return nil, errs.Invalidf("policy.Find", "policy number too short")
	}
	// stored numbers are HM-A-NY-0001234; rebuild from the compact form
	formatted := fmt.Sprintf("%s-%s-%s-%s", ref[:2], ref[2:3], ref[3:5], ref[5:])
	return s.repo.GetByNumber(ctx, formatted)
}

func (s *Service) ListByCustomer(ctx context.Context, customerID int64) ([]*domain.Policy, error) {
	return s.repo.ListByCustomer(ctx, customerID)
}

// CoverageOn is used by claims intake to verify coverage on the loss date.
func (s *Service) CoverageOn(ctx context.Context, policyID int64, lossDate time.Time) (*domain.Policy, error) {
	p, err := s.repo.Get(ctx, policyID)
	if err != nil {
		return nil, err
	}
	if !p.InForceOn(lossDate) {
		return nil, errs.Conflictf("policy.CoverageOn", "policy %s not in force on %s", p.Number, lossDate.Format(dates.Layout))
	}
	return p, nil
}

// OnPaymentReceived activates a PENDING policy on its first payment.
func (s *Service) OnPaymentReceived(ctx context.Context, e events.Event) error {
	ev := e.(events.PaymentReceivedEvent)
	p, err := s.repo.Get(ctx, ev.PolicyID)
	if err != nil {
		return err
	}
	if p.Status != domain.PolicyPending {
		return nil
	}
	s.log.Info("policy activated", "number", p.Number)
	return s.repo.UpdateStatus(ctx, p.ID, domain.PolicyActive, "")
}

// ExpireTerms is the nightly job flipping finished terms to EXPIRED.
func (s *Service) ExpireTerms(ctx context.Context, asOf time.Time) (int64, error) {
	return s.repo.ExpireLapsedTerms(ctx, asOf)
}
