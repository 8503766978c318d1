// Package cancel handles policy cancellation and reinstatement.
package cancel

import (
	"context"
	"time"

	"harbormutual.com/core/domain"
	"harbormutual.com/core/events"
	"harbormutual.com/core/platform/dates"
	"harbormutual.com/core/platform/db"
	"harbormutual.com/core/platform/errs"
	"harbormutual.com/core/platform/log"
	"harbormutual.com/core/platform/money"
	"harbormutual.com/core/policy/policydb"
)

type Reason string

const (
	InsuredRequest Reason = "INSURED_REQUEST"
	NonPayment     Reason = "NONPAYMENT"
	Underwriting   Reason = "UNDERWRITING"
	Fraud          Reason = "FRAUD"
	Rewrite        Reason = "REWRITE"
)

// Method is how unearned premium is returned.
type Method string

const (
	ProRata   Method = "PRO_RATA"
	ShortRate Method = "SHORT_RATE" // 10% penalty on insured-initiated cancellations
	Flat      Method = "FLAT"       // cancelled from inception; full refund
)

// MethodFor picks the return-premium method required by the filing.
func MethodFor(r Reason, effective, cancelDate time.Time) Method {
	if !cancelDate.After(effective) {
		return Flat
	}
	if r == InsuredRequest {
		return ShortRate
	}
	return ProRata
}

// ReturnPremium computes unearned premium for a cancellation on date.
func ReturnPremium(p *domain.Policy, m Method, date time.Time) money.Money {
	switch m {
	case Flat:
		return p.Premium
	case ShortRate:
		return p.Premium.Mul(dates.ProRata(p.Effective, p.Expiry, date) * 0.9)
	}
	return p.Premium.Mul(dates.ProRata(p.Effective, p.Expiry, date))
}

type Canceller struct {
	db    *db.DB
	repo  *policydb.Repo
	bus   events.Publisher
	clock dates.Clock
	log   *log.Logger
}

func New(pool *db.DB, repo *policydb.Repo, bus events.Publisher, clock dates.Clock) *Canceller {
	return &Canceller{db: pool, repo: repo, bus: bus, clock: clock, log: log.New("cancel")}
}

// Request is a cancellation instruction.
type Request struct {
	PolicyID  int64     `json:"policy_id"`
	Reason    Reason    `json:"reason"`
	Effective time.Time `json:"effective"`
	Note      string    `json:"note"`
}

// Outcome is what the caller shows the CSR.
type Outcome struct {
	Method        Method      `json:"method"`
	ReturnPremium money.Money `json:"return_premium"`
}

func (c *Canceller) Cancel(ctx context.Context, req Request) (*Outcome, error) {
	var out Outcome
	var p *domain.Policy
	err := c.db.WithTx(ctx, func(ctx context.Context) error {
		var err error
		p, err = c.repo.GetForUpdate(ctx, req.PolicyID)
		if err != nil {
			return err
		}
		if p.Status != domain.PolicyActive && p.Status != domain.PolicyPending {
			return errs.Conflictf("cancel.Cancel", "policy %s is %s", p.Number, p.Status)
		}
		if req.Effective.IsZero() {
			req.Effective = dates.Today(c.clock)
		}
		// Non-payment notices need 10 days' warning in every state we write.
		if req.Reason == NonPayment && dates.DaysBetween(dates.Today(c.clock), req.Effective) < 10 {
			return errs.Invalidf("cancel.Cancel", "non-payment cancellation needs 10 days notice")
		}
		if req.Effective.Before(p.Effective) {
			req.Effective = p.Effective
		}
		out.Method = MethodFor(req.Reason, p.Effective, req.Effective)
		out.ReturnPremium = ReturnPremium(p, out.Method, req.Effective)
		return c.repo.UpdateStatus(ctx, p.ID, domain.PolicyCancelled, string(req.Reason)+" "+req.Note)
	})
	if err != nil {
		return nil, err
	}
	c.log.Info("policy cancelled", "number", p.Number, "reason", req.Reason, "return", out.ReturnPremium.String())
	err = c.bus.Publish(ctx, events.PolicyCancelledEvent{PolicyID: p.ID, CustomerID: p.CustomerID,
		Reason: string(req.Reason), Effective: req.Effective, ReturnPremium: out.ReturnPremium})
	return &out, err
}
