// Package partners supports brokers and affiliates who refer borrowers: it
// submits referrals on the borrower's behalf through the onboarding and
// application services.
package partners

import (
	"context"
	"slices"
	"strings"
	"time"

	"lendwise.io/platform/internal/applications"
	"lendwise.io/platform/internal/borrowers"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/partners/store"
)

type Service struct {
	store     *store.Store
	borrowers *borrowers.Service
	apps      *applications.Service
	now       func() time.Time
}

func NewService(s *store.Store, b *borrowers.Service, a *applications.Service) *Service {
	return &Service{store: s, borrowers: b, apps: a, now: time.Now}
}

// ReferralInput is what a broker submits.
type ReferralInput struct {
	Borrower   borrowers.RegisterInput `json:"borrower"`
	Amount     money.Cents             `json:"amount_cents"`
	TermMonths int                     `json:"term_months"`
	Purpose    string                  `json:"purpose"`
	Consent    bool                    `json:"borrower_consent"`
}

// ReferralResult is deliberately thin: brokers do not see adverse-action reasons.
type ReferralResult struct {
	ReferralID    string                   `json:"referral_id"`
	ApplicationID string                   `json:"application_id"`
	Status        models.ApplicationStatus `json:"status"`
}

// Refer registers the borrower, runs KYC and submits the application.
func (s *Service) Refer(ctx context.Context, partnerID, userID string, in ReferralInput) (*ReferralResult, error) {
	if !in.Consent {
		return nil, errs.Invalid("borrower consent to credit check is required")
	}
	p, err := s.store.Get(ctx, partnerID)
	if err != nil {
		return nil, err
	}
	if !p.Active {
		return nil, errs.Forbidden("partner %s is not active", partnerID)
	}
	if !slices.Contains(p.LicenseStates, strings.ToUpper(in.Borrower.Address.State)) {
		return nil, errs.Forbidden("partner is not licensed in %s", in.Borrower.Address.State)
	}
	if ok, err := s.store.UserActive(ctx, partnerID, userID); err != nil {
		return nil, err
	} else if !ok {
		return nil, errs.Forbidden("portal user disabled")
	}
	in.Borrower.PartnerID = partnerID
	b, err := s.borrowers.Register(ctx, in.Borrower)
	if err != nil {
		return nil, err
	}
	if b, err = s.borrowers.Verify(ctx, b.ID); err != nil {
		return nil, err
	}
	if b.KYCStatus != models.KYCVerified {
		return nil, errs.Ineligible("identity verification pending (%s)", b.KYCStatus)
	}
	app, _, err := s.apps.Submit(ctx, applications.SubmitInput{
		BorrowerID: b.ID, Amount: in.Amount, TermMonths: in.TermMonths, Purpose: in.Purpose, PartnerID: partnerID,
	})
	if err != nil && app == nil {
		return nil, err
	}
	ref := &models.Referral{ID: ids.New("ref"), PartnerID: partnerID, BorrowerID: b.ID, ApplicationID: app.ID,
		SubmittedBy: userID, CreatedAt: s.now().UTC()}
	if err := s.store.InsertReferral(ctx, ref); err != nil {
		return nil, err
	}
	return &ReferralResult{ReferralID: ref.ID, ApplicationID: app.ID, Status: app.Status}, nil
}

// Applications pages a partner's applications.
func (s *Service) Applications(ctx context.Context, partnerID string, limit, offset int) ([]*models.LoanApplication, error) {
	return s.apps.ListByPartner(ctx, partnerID, limit, offset)
}

// Dashboard returns headline numbers for the portal home page.
func (s *Service) Dashboard(ctx context.Context, partnerID string) (map[string]any, error) {
	p, err := s.store.Get(ctx, partnerID)
	if err != nil {
		return nil, err
	}
	n, err := s.store.ReferralCount(ctx, partnerID, s.now().AddDate(0, 0, -30))
	if err != nil {
		return nil, err
	}
	return map[string]any{"partner": p.Name, "referrals_30d": n, "commission_bps": p.CommissionBps}, nil
}
