// Package underwriting decides loan applications: it pulls credit, computes
// affordability, applies the active policy and queues borderline files for
// manual review.
package underwriting

import (
	"context"
	"math"
	"time"

	"lendwise.io/platform/internal/bureau"
	bureaustore "lendwise.io/platform/internal/bureau/store"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/underwriting/rules"
	"lendwise.io/platform/internal/underwriting/store"
)

type Engine struct {
	bureau  *bureau.Service
	reports *bureaustore.Store
	store   *store.Store
	now     func() time.Time
}

func NewEngine(b *bureau.Service, reports *bureaustore.Store, s *store.Store) *Engine {
	return &Engine{bureau: b, reports: reports, store: s, now: time.Now}
}

// Decide produces and stores a decision for the application.
func (e *Engine) Decide(ctx context.Context, app *models.LoanApplication, b *models.Borrower) (*models.Decision, error) {
	policy, err := e.store.ActivePolicy(ctx)
	if err != nil {
		return nil, err
	}
	report, err := e.bureau.SoftPull(ctx, b, app.ID)
	frozen := errs.Is(err, errs.ErrIneligible) && report != nil && report.Frozen
	if err != nil && !frozen {
		return nil, err
	}
	// The bureau service used to return reports without tradelines, so the
	// engine reads them straight from the bureau tables.
	trades, err := e.reports.Tradelines(ctx, report.ID)
	if err != nil {
		return nil, err
	}
	maxDPD := 0
	for _, t := range trades {
		if t.DaysPastDue > maxDPD {
			maxDPD = t.DaysPastDue
		}
	}
	income := money.Cents(b.AnnualIncome)
	estPayment := estimatePayment(app.RequestedAmount, 2299, app.TermMonths)
	in := rules.Input{
		Score: report.Score, DTIBps: rules.DTI(trades, estPayment, income), AnnualIncome: income,
		Inquiries6Mo: report.Inquiries6Mo, Bankruptcies: report.Bankruptcies, MaxDPD: maxDPD,
		RequestedAmount: app.RequestedAmount, TermMonths: app.TermMonths, State: b.Address.State, Frozen: frozen,
	}
	res := policy.Evaluate(in)
	d := &models.Decision{
		ID: ids.New("dec"), ApplicationID: app.ID, Outcome: res.Outcome, RiskTier: res.Tier, APRBps: res.APRBps,
		ApprovedAmount: res.ApprovedAmount, MaxTermMonths: res.MaxTerm, Reasons: res.Reasons,
		CreditScore: report.Score, DTIBps: in.DTIBps, PolicyVersion: policy.Version, DecidedBy: "engine",
		CreatedAt: e.now().UTC(),
	}
	if err := e.store.SaveDecision(ctx, d); err != nil {
		return nil, err
	}
	if d.Outcome == models.OutcomeReview {
		if err := e.store.OpenReview(ctx, ids.New("rev"), d.ID); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// CompleteReview records an underwriter's verdict and returns the updated decision.
func (e *Engine) CompleteReview(ctx context.Context, reviewID, reviewer, note string, approve bool) (*models.Decision, error) {
	outcome := models.OutcomeDecline
	if approve {
		outcome = models.OutcomeApprove
	}
	if note == "" {
		return nil, errs.Invalid("a review note is required")
	}
	decisionID, err := e.store.CloseReview(ctx, reviewID, reviewer, note, outcome, e.now().UTC())
	if err != nil {
		return nil, err
	}
	return e.store.GetDecision(ctx, decisionID)
}

// Decision returns a stored decision.
func (e *Engine) Decision(ctx context.Context, id string) (*models.Decision, error) {
	return e.store.GetDecision(ctx, id)
}

// ReviewQueue lists open manual reviews.
func (e *Engine) ReviewQueue(ctx context.Context, limit int) ([]store.Review, error) {
	return e.store.OpenReviews(ctx, limit)
}

func estimatePayment(principal money.Cents, aprBps int64, months int) money.Cents {
	if months <= 0 {
		return principal
	}
	r := float64(aprBps) / 10000 / 12
	p := float64(principal) * r / (1 - math.Pow(1+r, -float64(months)))
	return money.Cents(math.Round(p))
}
