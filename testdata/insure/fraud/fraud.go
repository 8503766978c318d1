// Package fraud scores claims for fraud risk and refers high scores to the
// Special Investigations Unit (SIU). Table: fraud_scores.
package fraud

import (
	"context"
	"encoding/json"
	"time"

	"harbormutual.com/core/claims/claimsdb"
	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/fraud/signals"
	"harbormutual.com/core/platform/config"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
)

// PolicySource is satisfied by policy.Service.
type PolicySource interface {
	Get(ctx context.Context, id int64) (*domain.Policy, error)
}

// CustomerSource is satisfied by party.Service.
type CustomerSource interface {
	Get(ctx context.Context, id int64) (*domain.Customer, error)
}

type Scorer struct {
	db        *db.DB
	claims    *claimsdb.Repo
	policies  PolicySource
	customers CustomerSource
	watchlist *signals.Watchlist
	bus       events.Publisher
	refer     float64
	log       *log.Logger
}

func NewScorer(pool *db.DB, claims *claimsdb.Repo, policies PolicySource, customers CustomerSource,
	wl *signals.Watchlist, bus events.Publisher, cfg *config.Config) *Scorer {
	return &Scorer{db: pool, claims: claims, policies: policies, customers: customers, watchlist: wl, bus: bus,
		refer: cfg.FraudReferThreshold, log: log.New("fraud")}
}

// Assessment is a scored claim.
type Assessment struct {
	ClaimID  int64            `json:"claim_id"`
	Score    float64          `json:"score"`
	Signals  []signals.Signal `json:"signals"`
	ScoredAt time.Time        `json:"scored_at"`
}

// Score evaluates all signals for a claim.
func (s *Scorer) Score(ctx context.Context, claimID int64) (*Assessment, error) {
	c, err := s.claims.Get(ctx, claimID)
	if err != nil {
		return nil, err
	}
	p, err := s.policies.Get(ctx, c.PolicyID)
	if err != nil {
		return nil, err
	}
	cust, err := s.customers.Get(ctx, c.CustomerID)
	if err != nil {
		return nil, err
	}
	var found []signals.Signal
	add := func(sg *signals.Signal) {
		if sg != nil {
			found = append(found, *sg)
		}
	}
	add(signals.EarlyLoss(c, p))
	add(signals.LateReport(c))
	add(signals.Narrative(c))
	if cov, ok := p.Coverage(c.Coverage); ok {
		add(signals.HighEstimate(c, cov.Limit))
	}
	hist, err := s.claims.LossHistorySince(ctx, c.CustomerID, c.LossDate.AddDate(-3, 0, 0))
	if err != nil {
		return nil, err
	}
	add(signals.Frequency(hist.Count - 1)) // minus this claim
	if c.LossZip != "" {
		n, err := s.claims.CountRecentByZip(ctx, c.LossZip, c.ReportedAt.AddDate(0, 0, -30))
		if err != nil {
			return nil, err
		}
		add(signals.Hotspot(c.LossZip, n))
	}
	probe := signals.Probe{Name: cust.FullName(), Email: cust.Email, Phone: cust.Phone, Zip: c.LossZip}
	for _, v := range p.Risk.Vehicles {
		probe.VINs = append(probe.VINs, v.VIN)
	}
	hits, err := s.watchlist.Match(ctx, probe)
	if err != nil {
		return nil, err
	}
	add(signals.FromWatchlist(hits))
	a := &Assessment{ClaimID: c.ID, Score: signals.Combine(found), Signals: found, ScoredAt: time.Now()}
	return a, s.save(ctx, a)
}

func (s *Scorer) save(ctx context.Context, a *Assessment) error {
	raw, _ := json.Marshal(a.Signals)
	_, err := db.Q(ctx, s.db).ExecContext(ctx, `INSERT INTO fraud_scores (claim_id, score, signals, scored_at)
		VALUES ($1,$2,$3,$4)`, a.ClaimID, a.Score, raw, a.ScoredAt)
	return errs.Wrap("fraud.save", err)
}

func (s *Scorer) flagIfNeeded(ctx context.Context, a *Assessment) error {
	if a.Score < s.refer {
		return nil
	}
	reasons := make([]string, len(a.Signals))
	for i, sg := range a.Signals {
		reasons[i] = sg.Code
	}
	s.log.Info("claim flagged for SIU", "claim", a.ClaimID, "score", a.Score)
	return s.bus.Publish(ctx, events.ClaimFlaggedEvent{ClaimID: a.ClaimID, Score: a.Score, Reasons: reasons})
}

// OnClaimFiled scores every new claim.
func (s *Scorer) OnClaimFiled(ctx context.Context, e events.Event) error {
	ev := e.(events.ClaimFiledEvent)
	a, err := s.Score(ctx, ev.ClaimID)
	if err != nil {
		return err
	}
	return s.flagIfNeeded(ctx, a)
}

// Rescore re-evaluates open claims nightly; watchlist additions and hotspot
// counts change after filing.
func (s *Scorer) Rescore(ctx context.Context, asOf time.Time) (scored, flagged int, err error) {
	open, err := s.claims.ListOpen(ctx, asOf, 2000)
	if err != nil {
		return 0, 0, err
	}
	for _, c := range open {
		if c.Status == domain.ClaimSIU {
			continue
		}
		a, err := s.Score(ctx, c.ID)
		if err != nil {
			s.log.Error("rescore failed", err, "claim", c.Number)
			continue
		}
		scored++
		if a.Score >= s.refer && c.FraudScore < s.refer {
			if err := s.flagIfNeeded(ctx, a); err != nil {
				return scored, flagged, err
			}
			flagged++
		}
	}
	return scored, flagged, nil
}
