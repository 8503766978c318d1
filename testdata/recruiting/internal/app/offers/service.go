// Package offers drafts, approves, sends and tracks job offers.
package offers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	appaccounts "github.com/hirebase/ats/internal/app/accounts"
	appcandidates "github.com/hirebase/ats/internal/app/candidates"
	"github.com/hirebase/ats/internal/app/offers/letters"
	apppipeline "github.com/hirebase/ats/internal/app/pipeline"
	apprequisitions "github.com/hirebase/ats/internal/app/requisitions"
	dboffers "github.com/hirebase/ats/internal/db/offers"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/mailer"
	"github.com/hirebase/ats/internal/platform/money"
)

const (
	offerValidity      = 7 * 24 * time.Hour
	maxSigningBonusPct = 10.0
)

type Service struct {
	store      *dboffers.Store
	reqs       *apprequisitions.Service
	pipeline   *apppipeline.Service
	candidates *appcandidates.Service
	accounts   *appaccounts.Service
	bus        *events.Bus
	mail       mailer.Mailer
	log        *slog.Logger
	publicURL  string
}

func New(store *dboffers.Store, reqs *apprequisitions.Service, pipeline *apppipeline.Service, candidates *appcandidates.Service,
	accounts *appaccounts.Service, bus *events.Bus, mail mailer.Mailer, log *slog.Logger, publicURL string) *Service {
	return &Service{store: store, reqs: reqs, pipeline: pipeline, candidates: candidates, accounts: accounts,
		bus: bus, mail: mail, log: log, publicURL: publicURL}
}

type DraftInput struct {
	ApplicationID string    `json:"application_id"`
	BaseSalary    string    `json:"base_salary"`
	SigningBonus  string    `json:"signing_bonus"`
	EquityUnits   int64     `json:"equity_units"`
	StartDate     time.Time `json:"start_date"`
	TemplateID    string    `json:"template_id"`
}

// Draft creates an offer and moves the application into the offer stage.
func (s *Service) Draft(ctx context.Context, tenantID, actorID string, in DraftInput) (models.Offer, error) {
	app, err := s.pipeline.Get(ctx, tenantID, in.ApplicationID)
	if err != nil {
		return models.Offer{}, err
	}
	if app.Status != "active" {
		return models.Offer{}, errs.Conflict("application is %s", app.Status)
	}
	if _, err := s.store.ActiveForApplication(ctx, tenantID, app.ID); !errs.IsNotFound(err) {
		return models.Offer{}, errs.Conflict("application already has an open offer")
	}
	req, err := s.reqs.EnsureOpen(ctx, tenantID, app.RequisitionID)
	if err != nil {
		return models.Offer{}, err
	}
	cur := req.SalaryMax.Currency
	base, err := money.Parse(in.BaseSalary, cur)
	if err != nil || base.Cents <= 0 {
		return models.Offer{}, errs.Validation("invalid base salary")
	}
	bonus := money.Zero(cur)
	if in.SigningBonus != "" {
		if bonus, err = money.Parse(in.SigningBonus, cur); err != nil || bonus.Cents < 0 {
			return models.Offer{}, errs.Validation("invalid signing bonus")
		}
	}
	if in.StartDate.Before(time.Now().AddDate(0, 0, 7)) {
		return models.Offer{}, errs.Validation("start date must be at least one week out")
	}
	o := models.Offer{ID: ids.New(ids.Offer), TenantID: tenantID, ApplicationID: app.ID, RequisitionID: req.ID, CandidateID: app.CandidateID,
		BaseSalary: base, SigningBonus: bonus, EquityUnits: in.EquityUnits, StartDate: in.StartDate, Status: models.OfferDraft,
		TemplateID: in.TemplateID, CreatedBy: actorID}
	if err := s.store.Create(ctx, o); err != nil {
		return o, err
	}
	if app.StageKey != models.StageOffer {
		if _, err := s.pipeline.Move(ctx, tenantID, actorID, app.ID, models.StageOffer); err != nil {
			s.log.Warn("offers: could not move application to offer stage", "application_id", app.ID, "err", err)
		}
	}
	return o, nil
}

// NeedsApproval applies the comp policy: above the requisition's band, or a
// signing bonus above 10% of base.
func NeedsApproval(o models.Offer, req models.Requisition) (bool, string) {
	if o.BaseSalary.Greater(req.SalaryMax) {
		return true, fmt.Sprintf("base %s exceeds band max %s", o.BaseSalary, req.SalaryMax)
	}
	if o.SigningBonus.Greater(o.BaseSalary.Percent(maxSigningBonusPct)) {
		return true, "signing bonus exceeds 10% of base"
	}
	return false, ""
}

// Submit approves an offer that is within policy; anything else waits for
// a finance approver.
func (s *Service) Submit(ctx context.Context, tenantID, id string) (models.Offer, error) {
	o, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return o, err
	}
	req, err := s.reqs.Get(ctx, tenantID, o.RequisitionID)
	if err != nil {
		return o, err
	}
	o.Status = models.OfferApproved
	if need, why := NeedsApproval(o, req); need {
		o.Status = models.OfferPendingApproval
		s.log.Info("offers: finance approval required", "offer_id", id, "reason", why)
	}
	return o, s.store.SetStatus(ctx, tenantID, id, models.OfferDraft, o.Status)
}

// Decide is a finance approver's decision; a rejected offer returns to draft.
func (s *Service) Decide(ctx context.Context, tenantID, id string, approve bool) (models.Offer, error) {
	to := models.OfferApproved
	if !approve {
		to = models.OfferDraft
	}
	if err := s.store.SetStatus(ctx, tenantID, id, models.OfferPendingApproval, to); err != nil {
		return models.Offer{}, err
	}
	return s.store.Get(ctx, tenantID, id)
}

// Send renders the letter and emails the candidate a one-time accept link.
func (s *Service) Send(ctx context.Context, tenantID, actorID, id string) (models.Offer, error) {
	o, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return o, err
	}
	if o.Status != models.OfferApproved {
		return o, errs.Conflict("only approved offers can be sent")
	}
	cand, err := s.candidates.Get(ctx, tenantID, o.CandidateID)
	if err != nil {
		return o, err
	}
	req, err := s.reqs.Get(ctx, tenantID, o.RequisitionID)
	if err != nil {
		return o, err
	}
	signer, err := s.accounts.GetUser(ctx, tenantID, actorID)
	if err != nil {
		return o, err
	}
	tmpl := ""
	if o.TemplateID != "" {
		if tmpl, err = s.store.Template(ctx, tenantID, o.TemplateID); err != nil {
			return o, err
		}
	}
	token, now := ids.Token(24), time.Now().UTC()
	o.ExpiresAt = now.Add(offerValidity)
	body, err := letters.Render(tmpl, letters.Data{CandidateName: cand.FullName(), JobTitle: req.Title, BaseSalary: o.BaseSalary,
		SigningBonus: o.SigningBonus, EquityUnits: o.EquityUnits, StartDate: o.StartDate, ExpiresAt: o.ExpiresAt,
		AcceptURL: s.publicURL + "/offers/respond/" + token, SignerName: signer.Name})
	if err != nil {
		return o, err
	}
	if err := s.store.MarkSent(ctx, id, ids.Hash(token), now, o.ExpiresAt); err != nil {
		return o, err
	}
	o.Status = models.OfferSent
	err = s.mail.Send(ctx, mailer.Message{To: []string{cand.Email}, Subject: "Your offer for " + req.Title, Body: body, ReplyTo: signer.Email, Tag: "offer-letter"})
	return o, errs.Wrap(err, "send offer email")
}

// Respond handles the candidate's accept/decline from the emailed link.
func (s *Service) Respond(ctx context.Context, token string, accept bool) (models.Offer, error) {
	o, err := s.store.GetByToken(ctx, ids.Hash(token))
	if err != nil {
		return o, err
	}
	if o.Status != models.OfferSent || time.Now().After(o.ExpiresAt) {
		return o, errs.Conflict("this offer can no longer be answered")
	}
	payload := map[string]string{"application_id": o.ApplicationID, "requisition_id": o.RequisitionID, "candidate_id": o.CandidateID}
	if !accept {
		o.Status = models.OfferDeclined
		if err := s.store.SetStatus(ctx, o.TenantID, o.ID, models.OfferSent, models.OfferDeclined); err != nil {
			return o, err
		}
		s.bus.Publish(ctx, events.OfferDeclined, o.TenantID, o.ID, payload)
		return o, nil
	}
	if err := s.store.Accept(ctx, o, time.Now().UTC()); err != nil {
		return o, err
	}
	o.Status = models.OfferAccepted
	if err := s.reqs.RecordHire(ctx, o.TenantID, o.RequisitionID); err != nil {
		s.log.Error("offers: accepted offer but requisition hire count failed", "offer_id", o.ID, "err", err)
	}
	s.bus.Publish(ctx, events.OfferAccepted, o.TenantID, o.ID, payload)
	s.bus.Publish(ctx, events.ApplicationHired, o.TenantID, o.ApplicationID, payload)
	return o, nil
}

func (s *Service) Get(ctx context.Context, tenantID, id string) (models.Offer, error) {
	return s.store.Get(ctx, tenantID, id)
}

// ExpireStale expires sent offers past their deadline.
func (s *Service) ExpireStale(ctx context.Context) error {
	n, err := s.store.ExpireDue(ctx, time.Now().UTC())
	if n > 0 {
		s.log.Info("offers: expired", "count", n)
	}
	return err
}
