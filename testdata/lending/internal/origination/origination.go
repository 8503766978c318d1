// Package origination turns an approved application into a booked loan:
// offers, acceptance, document generation, signature, final hard pull,
// boarding to servicing and the funding request.
package origination

import (
	"context"
	"time"

	"lendwise.io/platform/funding"
	"lendwise.io/platform/internal/applications"
	"lendwise.io/platform/internal/borrowers"
	"lendwise.io/platform/internal/bureau"
	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/origination/documents"
	"lendwise.io/platform/internal/origination/store"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/events"
	"lendwise.io/platform/internal/platform/ids"
	"lendwise.io/platform/internal/servicing"
	"lendwise.io/platform/internal/servicing/schedule"
)

const (
	offerTTL         = 14 * 24 * time.Hour
	maxScoreDrop     = 40
	signatureTimeout = 7 * 24 * time.Hour
)

var terms = []int{12, 24, 36, 48, 60}

// Origination fee by risk tier, in basis points of principal.
var feeByTier = map[string]int64{"A": 100, "B": 300, "C": 500, "D": 600}

type Service struct {
	store     *store.Store
	apps      *applications.Service
	borrowers *borrowers.Service
	bureau    *bureau.Service
	servicing *servicing.Service
	funding   *funding.Service
	docs      *documents.Generator
	bus       *events.Bus
	now       func() time.Time
}

func NewService(s *store.Store, apps *applications.Service, b *borrowers.Service, bu *bureau.Service,
	sv *servicing.Service, f *funding.Service, docs *documents.Generator, bus *events.Bus) *Service {
	return &Service{store: s, apps: apps, borrowers: b, bureau: bu, servicing: sv, funding: f, docs: docs, bus: bus, now: time.Now}
}

// PresentOffers creates one offer per eligible term for an approved application.
func (s *Service) PresentOffers(ctx context.Context, applicationID string) ([]models.Offer, error) {
	app, dec, err := s.apps.ApprovedDecision(ctx, applicationID)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	var offers []models.Offer
	for _, t := range terms {
		if t > dec.MaxTermMonths {
			continue
		}
		offers = append(offers, models.Offer{
			ID: ids.New("ofr"), ApplicationID: app.ID, Amount: dec.ApprovedAmount, TermMonths: t, APRBps: dec.APRBps,
			OriginationFeeBps: feeByTier[dec.RiskTier], MonthlyPayment: schedule.MonthlyPayment(dec.ApprovedAmount, dec.APRBps, t),
			Status: "presented", ExpiresAt: now.Add(offerTTL), CreatedAt: now,
		})
	}
	if len(offers) == 0 {
		return nil, errs.Ineligible("no eligible terms for application %s", applicationID)
	}
	return offers, s.store.InsertOffers(ctx, offers)
}

// Accept turns an offer into an agreement with documents ready to sign.
func (s *Service) Accept(ctx context.Context, offerID, borrowerID string) (*store.Agreement, []documents.Document, error) {
	o, err := s.store.GetOffer(ctx, offerID)
	if err != nil {
		return nil, nil, err
	}
	now := s.now().UTC()
	if o.Status != "presented" || now.After(o.ExpiresAt) {
		return nil, nil, errs.Conflict("offer %s is no longer available", offerID)
	}
	app, err := s.apps.Get(ctx, o.ApplicationID)
	if err != nil {
		return nil, nil, err
	}
	if app.BorrowerID != borrowerID {
		return nil, nil, errs.Forbidden("offer belongs to another borrower")
	}
	b, err := s.borrowers.Get(ctx, borrowerID)
	if err != nil {
		return nil, nil, err
	}
	docs, err := s.docs.Package(o, b, now)
	if err != nil {
		return nil, nil, err
	}
	a := &store.Agreement{ID: ids.New("agr"), OfferID: o.ID, ApplicationID: o.ApplicationID, BorrowerID: borrowerID,
		PartnerID: app.PartnerID, Status: "pending_signature", CreatedAt: now}
	return a, docs, s.store.AcceptOffer(ctx, o, a, docs)
}

// Sign books the loan: hard pull, board to servicing, request funding.
func (s *Service) Sign(ctx context.Context, agreementID, borrowerID, ip string) (*models.Loan, error) {
	a, err := s.store.GetAgreement(ctx, agreementID)
	if err != nil {
		return nil, err
	}
	if a.BorrowerID != borrowerID {
		return nil, errs.Forbidden("agreement belongs to another borrower")
	}
	now := s.now().UTC()
	if a.Status != "pending_signature" || now.Sub(a.CreatedAt) > signatureTimeout {
		return nil, errs.Conflict("agreement %s cannot be signed", agreementID)
	}
	o, err := s.store.GetOffer(ctx, a.OfferID)
	if err != nil {
		return nil, err
	}
	_, dec, err := s.apps.ApprovedDecision(ctx, a.ApplicationID)
	if err != nil {
		return nil, err
	}
	b, err := s.borrowers.Get(ctx, borrowerID)
	if err != nil {
		return nil, err
	}
	report, err := s.bureau.HardPull(ctx, b, a.ApplicationID)
	if err != nil {
		return nil, err
	}
	if dec.CreditScore-report.Score > maxScoreDrop {
		return nil, errs.Ineligible("credit profile changed since approval; application must be re-underwritten")
	}
	loan, _, err := s.servicing.Board(ctx, servicing.BoardInput{
		ApplicationID: a.ApplicationID, BorrowerID: borrowerID, PartnerID: a.PartnerID, Principal: o.Amount,
		APRBps: o.APRBps, TermMonths: o.TermMonths, OriginationFee: o.Amount.ApplyBps(o.OriginationFeeBps),
	})
	if err != nil {
		return nil, err
	}
	if err := s.store.MarkSigned(ctx, a.ID, a.ApplicationID, loan.ID, ip, now); err != nil {
		return nil, err
	}
	if _, err := s.funding.RequestDisbursement(ctx, loan); err != nil {
		return loan, err
	}
	_ = s.bus.Publish(ctx, events.LoanBooked, loan.ID, loan)
	return loan, nil
}

// Documents returns an agreement's documents for the borrower.
func (s *Service) Documents(ctx context.Context, agreementID, borrowerID string) ([]documents.Document, error) {
	a, err := s.store.GetAgreement(ctx, agreementID)
	if err != nil {
		return nil, err
	}
	if borrowerID != "" && a.BorrowerID != borrowerID {
		return nil, errs.Forbidden("agreement belongs to another borrower")
	}
	return s.store.Documents(ctx, agreementID)
}
