// Package quote runs the new-business quoting flow: capture the risk, rate
// it, pre-screen with underwriting, and hand an accepted quote to policy.
package quote

import (
	"context"
	"fmt"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/ids"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/quote/quotedb"
	"harbormutual.com/core/rating"
	"harbormutual.com/core/underwriting"
	"harbormutual.com/core/underwriting/rules"
)

const validityDays = 30

// CustomerSource is satisfied by party.Service.
type CustomerSource interface {
	Get(ctx context.Context, id int64) (*domain.Customer, error)
}

// Appointments is satisfied by agents.Service.
type Appointments interface {
	CheckAppointment(ctx context.Context, agentID int64, state string) error
}

type Service struct {
	repo      *quotedb.Repo
	engine    *rating.Engine
	uw        *underwriting.Service
	customers CustomerSource
	agents    Appointments
	bus       events.Publisher
	clock     dates.Clock
	log       *log.Logger
}

func NewService(repo *quotedb.Repo, engine *rating.Engine, uw *underwriting.Service, customers CustomerSource,
	agents Appointments, bus events.Publisher, clock dates.Clock) *Service {
	return &Service{repo: repo, engine: engine, uw: uw, customers: customers, agents: agents, bus: bus,
		clock: clock, log: log.New("quote")}
}

// Request is the input from the agency portal or the direct website.
type Request struct {
	CustomerID int64                 `json:"customer_id"`
	AgentID    int64                 `json:"agent_id"`
	LOB        domain.LineOfBusiness `json:"lob"`
	State      string                `json:"state"`
	Effective  time.Time             `json:"effective"`
	TermMonths int                   `json:"term_months"`
	Risk       domain.Risk           `json:"risk"`
	Coverages  []domain.Coverage     `json:"coverages"`
}

func (r *Request) validate(today time.Time) error {
	if !r.LOB.Valid() {
		return errs.Invalidf("quote.validate", "lob must be AUTO or HOME")
	}
	if r.Effective.Before(today) || r.Effective.After(today.AddDate(0, 0, 60)) {
		return errs.Invalidf("quote.validate", "effective date must be within the next 60 days")
	}
	if r.TermMonths == 0 {
		r.TermMonths = 12
		if r.LOB == domain.Auto {
			r.TermMonths = 6
		}
	}
	switch r.LOB {
	case domain.Auto:
		if len(r.Risk.Vehicles) == 0 || len(r.Risk.Drivers) == 0 {
			return errs.Invalidf("quote.validate", "auto quotes need at least one vehicle and driver")
		}
	case domain.Home:
		if r.Risk.Dwelling == nil {
			return errs.Invalidf("quote.validate", "home quotes need a dwelling")
		}
	}
	return nil
}

// Create rates and screens a new quote.
func (s *Service) Create(ctx context.Context, req Request) (*domain.Quote, error) {
	today := dates.Today(s.clock)
	if err := req.validate(today); err != nil {
		return nil, err
	}
	cust, err := s.customers.Get(ctx, req.CustomerID)
	if err != nil {
		return nil, err
	}
	if req.State == "" {
		req.State = cust.Mailing.State
	}
	if err := s.agents.CheckAppointment(ctx, req.AgentID, req.State); err != nil {
		return nil, err
	}
	q := &domain.Quote{
		Ref: ids.New("qt"), CustomerID: cust.ID, AgentID: req.AgentID, LOB: req.LOB, State: req.State,
		Status: domain.QuoteDraft, Effective: req.Effective, TermMonths: req.TermMonths, Risk: req.Risk,
		Coverages: req.Coverages, ExpiresAt: today.AddDate(0, 0, validityDays),
	}
	if err := s.rateAndScreen(ctx, q, cust); err != nil {
		return nil, err
	}
	if err := s.repo.Insert(ctx, q); err != nil {
		return nil, err
	}
	s.log.Info("quote created", "ref", q.Ref, "premium", q.Premium.String(), "status", q.Status)
	return q, nil
}

func (s *Service) rateAndScreen(ctx context.Context, q *domain.Quote, cust *domain.Customer) error {
	res, err := s.engine.Rate(ctx, rating.Input{LOB: q.LOB, State: q.State, Effective: q.Effective,
		TermMonths: q.TermMonths, Customer: cust, Risk: q.Risk, Coverages: q.Coverages})
	if err != nil {
		return err
	}
	q.Coverages, q.Premium, q.RateVersion = res.Coverages, res.Premium, res.RateVersion
	subjectRef := fmt.Sprintf("quote:%s", q.Ref)
	out, err := s.uw.Evaluate(ctx, subjectRef, &rules.Subject{LOB: q.LOB, State: q.State, Effective: q.Effective,
		Customer: cust, Risk: q.Risk, Coverages: q.Coverages, Premium: q.Premium}, "quote")
	if err != nil {
		return err
	}
	q.UWDecision, q.UWNotes = out.Decision, out.Notes()
	switch out.Decision {
	case domain.Accept:
		q.Status = domain.QuoteRated
	case domain.Refer:
		q.Status = domain.QuoteReferred
	default:
		q.Status = domain.QuoteDeclined
	}
	return nil
}

// Accept records the customer's acceptance. Referred quotes can be accepted
// once underwriting has cleared them.
func (s *Service) Accept(ctx context.Context, id int64) (*domain.Quote, error) {
	q, err := s.repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if q.ExpiresAt.Before(s.clock.Now()) {
		return nil, errs.Conflictf("quote.Accept", "quote %s expired on %s", q.Ref, q.ExpiresAt.Format(dates.Layout))
	}
	switch q.Status {
	case domain.QuoteRated:
	case domain.QuoteReferred:
		ok, err := s.uw.Cleared(ctx, "quote:"+q.Ref)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errs.Conflictf("quote.Accept", "quote %s is awaiting underwriting", q.Ref)
		}
	default:
		return nil, errs.Conflictf("quote.Accept", "quote %s cannot be accepted from %s", q.Ref, q.Status)
	}
	if err := s.repo.SetStatus(ctx, q.ID, q.Status, domain.QuoteAccepted); err != nil {
		return nil, err
	}
	q.Status = domain.QuoteAccepted
	return q, s.bus.Publish(ctx, events.QuoteAcceptedEvent{QuoteID: q.ID, CustomerID: q.CustomerID, AgentID: q.AgentID})
}

func (s *Service) Get(ctx context.Context, id int64) (*domain.Quote, error) {
	return s.repo.Get(ctx, id)
}

// ForBinding returns an accepted, unexpired quote for policy issuance.
func (s *Service) ForBinding(ctx context.Context, id int64) (*domain.Quote, error) {
	q, err := s.repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if q.Status != domain.QuoteAccepted {
		return nil, errs.Conflictf("quote.ForBinding", "quote %s is %s, not ACCEPTED", q.Ref, q.Status)
	}
	return q, nil
}

// MarkBound is called by policy issuance inside its transaction.
func (s *Service) MarkBound(ctx context.Context, id int64) error {
	return s.repo.SetStatus(ctx, id, domain.QuoteAccepted, domain.QuoteBound)
}

// ExpireStale is the nightly quote-expiry job.
func (s *Service) ExpireStale(ctx context.Context, asOf time.Time) (int64, error) {
	return s.repo.ExpireBefore(ctx, asOf)
}
