// Package applications owns loan application intake and its lifecycle.
package applications

import (
	"context"
	"slices"
	"strings"
	"time"

	"lendwise.io/platform/internal/applications/store"
	"lendwise.io/platform/internal/borrowers"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/underwriting"
)

const (
	minAmount   money.Cents = 1_000_00
	maxAmount   money.Cents = 50_000_00
	offerExpiry             = 30 * 24 * time.Hour
)

var (
	allowedTerms    = []int{12, 24, 36, 48, 60}
	allowedPurposes = []string{"debt_consolidation", "home_improvement", "medical", "auto_repair", "major_purchase", "other"}
)

type Service struct {
	store     *store.Store
	borrowers *borrowers.Service
	engine    *underwriting.Engine
	bus       *events.Bus
	now       func() time.Time
}

func NewService(s *store.Store, b *borrowers.Service, e *underwriting.Engine, bus *events.Bus) *Service {
	return &Service{store: s, borrowers: b, engine: e, bus: bus, now: time.Now}
}

type SubmitInput struct {
	BorrowerID string      `json:"borrower_id"`
	Amount     money.Cents `json:"amount_cents"`
	TermMonths int         `json:"term_months"`
	Purpose    string      `json:"purpose"`
	PartnerID  string      `json:"-"`
}

// Submit validates the request, records it and runs the automated decision.
func (s *Service) Submit(ctx context.Context, in SubmitInput) (*models.LoanApplication, *models.Decision, error) {
	if in.Amount < minAmount || in.Amount > maxAmount {
		return nil, nil, errs.Invalid("amount must be between %s and %s", minAmount, maxAmount)
	}
	if !slices.Contains(allowedTerms, in.TermMonths) {
		return nil, nil, errs.Invalid("term must be one of %v months", allowedTerms)
	}
	in.Purpose = strings.ToLower(in.Purpose)
	if !slices.Contains(allowedPurposes, in.Purpose) {
		return nil, nil, errs.Invalid("unknown purpose %q", in.Purpose)
	}
	b, err := s.borrowers.Get(ctx, in.BorrowerID)
	if err != nil {
		return nil, nil, err
	}
	if b.KYCStatus != models.KYCVerified {
		return nil, nil, errs.Ineligible("borrower identity not verified")
	}
	if open, err := s.store.OpenForBorrower(ctx, b.ID); err != nil {
		return nil, nil, err
	} else if open != nil {
		return nil, nil, errs.Conflict("borrower already has application %s in progress", open.ID)
	}
	now := s.now().UTC()
	app := &models.LoanApplication{
		ID: ids.New("app"), BorrowerID: b.ID, PartnerID: in.PartnerID, RequestedAmount: in.Amount,
		TermMonths: in.TermMonths, Purpose: in.Purpose, Status: models.AppSubmitted, SubmittedAt: now, UpdatedAt: now,
	}
	if err := s.store.Create(ctx, app); err != nil {
		return nil, nil, err
	}
	_ = s.bus.Publish(ctx, events.ApplicationSubmitted, app.ID, app)

	dec, err := s.engine.Decide(ctx, app, b)
	if err != nil {
		return app, nil, err
	}
	if err := s.applyDecision(ctx, app, dec, []models.ApplicationStatus{models.AppSubmitted}); err != nil {
		return app, dec, err
	}
	return app, dec, nil
}

func (s *Service) applyDecision(ctx context.Context, app *models.LoanApplication, dec *models.Decision, from []models.ApplicationStatus) error {
	to := map[models.DecisionOutcome]models.ApplicationStatus{
		models.OutcomeApprove: models.AppApproved,
		models.OutcomeDecline: models.AppDeclined,
		models.OutcomeReview:  models.AppInReview,
	}[dec.Outcome]
	if err := s.store.SetStatus(ctx, app.ID, from, to, dec.ID, strings.Join(dec.Reasons, "; ")); err != nil {
		return err
	}
	app.Status, app.DecisionID = to, dec.ID
	return s.bus.Publish(ctx, events.ApplicationDecided, app.ID, map[string]any{
		"application_id": app.ID, "borrower_id": app.BorrowerID, "outcome": dec.Outcome, "reasons": dec.Reasons,
	})
}

// ResolveReview applies an underwriter's decision to the application.
func (s *Service) ResolveReview(ctx context.Context, reviewID, reviewer, note string, approve bool) (*models.LoanApplication, error) {
	dec, err := s.engine.CompleteReview(ctx, reviewID, reviewer, note, approve)
	if err != nil {
		return nil, err
	}
	app, err := s.store.Get(ctx, dec.ApplicationID)
	if err != nil {
		return nil, err
	}
	return app, s.applyDecision(ctx, app, dec, []models.ApplicationStatus{models.AppInReview})
}

// Get returns an application.
func (s *Service) Get(ctx context.Context, id string) (*models.LoanApplication, error) {
	return s.store.Get(ctx, id)
}

// ApprovedDecision returns the application with its approving decision.
func (s *Service) ApprovedDecision(ctx context.Context, id string) (*models.LoanApplication, *models.Decision, error) {
	app, err := s.store.Get(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if app.Status != models.AppApproved {
		return nil, nil, errs.Conflict("application %s is %s, not approved", id, app.Status)
	}
	dec, err := s.engine.Decision(ctx, app.DecisionID)
	return app, dec, err
}

// Withdraw lets the borrower cancel before booking.
func (s *Service) Withdraw(ctx context.Context, id, borrowerID string) error {
	app, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if borrowerID != "" && app.BorrowerID != borrowerID {
		return errs.Forbidden("not your application")
	}
	return s.store.SetStatus(ctx, id,
		[]models.ApplicationStatus{models.AppSubmitted, models.AppInReview, models.AppApproved},
		models.AppWithdrawn, "", "withdrawn by borrower")
}

// ListByPartner is used by the broker portal.
func (s *Service) ListByPartner(ctx context.Context, partnerID string, limit, offset int) ([]*models.LoanApplication, error) {
	return s.store.ListByPartner(ctx, partnerID, limit, offset)
}

// ExpireStale expires approvals older than the offer window.
func (s *Service) ExpireStale(ctx context.Context) (int, error) {
	expired, err := s.store.ExpireApproved(ctx, s.now().Add(-offerExpiry))
	return len(expired), err
}
