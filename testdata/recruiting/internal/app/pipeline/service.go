// Package pipeline moves applications through the hiring stages.
package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hirebase/ats/internal/app/pipeline/automation"
	apprequisitions "github.com/hirebase/ats/internal/app/requisitions"
	dbcandidates "github.com/hirebase/ats/internal/db/candidates"
	dbpipeline "github.com/hirebase/ats/internal/db/pipeline"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/mailer"
)

type Service struct {
	store      *dbpipeline.Store
	reqs       *apprequisitions.Service
	candidates *dbcandidates.Store
	bus        *events.Bus
	mail       mailer.Mailer
	log        *slog.Logger
}

func New(store *dbpipeline.Store, reqs *apprequisitions.Service, candidates *dbcandidates.Store, bus *events.Bus, mail mailer.Mailer, log *slog.Logger) *Service {
	return &Service{store: store, reqs: reqs, candidates: candidates, bus: bus, mail: mail, log: log}
}

type ApplyInput struct {
	CandidateID   string `json:"candidate_id"`
	RequisitionID string `json:"requisition_id"`
	PostingID     string `json:"posting_id"`
	Source        string `json:"source"`
}

// Apply puts an existing candidate into a requisition's pipeline.
func (s *Service) Apply(ctx context.Context, tenantID string, in ApplyInput) (models.Application, error) {
	if _, err := s.reqs.EnsureOpen(ctx, tenantID, in.RequisitionID); err != nil {
		return models.Application{}, err
	}
	cand, err := s.candidates.Get(ctx, tenantID, in.CandidateID)
	if err != nil {
		return models.Application{}, err
	}
	if cand.Anonymized || cand.MergedInto != "" {
		return models.Application{}, errs.Conflict("candidate record is not active")
	}
	if in.Source == "" {
		in.Source = cand.Source
	}
	now := time.Now().UTC()
	a := models.Application{ID: ids.New(ids.Application), TenantID: tenantID, CandidateID: cand.ID, RequisitionID: in.RequisitionID,
		PostingID: in.PostingID, StageKey: models.StageApplied, Status: "active", Source: in.Source, AppliedAt: now, StageEnteredAt: now,
		CandidateName: cand.FullName(), CandidateEmail: cand.Email}
	if err := s.store.CreateApplication(ctx, a); err != nil {
		return a, err
	}
	s.bus.Publish(ctx, events.ApplicationCreated, tenantID, a.ID, map[string]string{
		"requisition_id": a.RequisitionID, "candidate_id": a.CandidateID, "source": a.Source})
	return a, nil
}

func (s *Service) Get(ctx context.Context, tenantID, id string) (models.Application, error) {
	return s.store.Get(ctx, tenantID, id)
}

func (s *Service) ListForRequisition(ctx context.Context, tenantID, reqID, stage, status string) ([]models.Application, error) {
	return s.store.ListByRequisition(ctx, tenantID, reqID, stage, status)
}

// Move advances (or steps back) an application.
func (s *Service) Move(ctx context.Context, tenantID, actorID, id, to string) (models.Application, error) {
	a, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return a, err
	}
	if a.Status != "active" {
		return a, errs.Conflict("application is %s", a.Status)
	}
	if to == models.StageHired {
		return a, errs.Validation("use the offer workflow or the hire endpoint to hire")
	}
	stages, err := s.store.Stages(ctx, tenantID)
	if err != nil {
		return a, err
	}
	if msg, ok := automation.ValidateTransition(stages, a.StageKey, to); !ok {
		return a, errs.Validation("%s", msg)
	}
	from, now := a.StageKey, time.Now().UTC()
	if err := s.store.Move(ctx, tenantID, id, from, to, actorID, now); err != nil {
		return a, err
	}
	a.StageKey, a.StageEnteredAt = to, now
	s.bus.Publish(ctx, events.ApplicationStageMoved, tenantID, id, map[string]string{"from": from, "to": to, "requisition_id": a.RequisitionID})
	return a, nil
}

// Reject closes the application and optionally emails the candidate.
func (s *Service) Reject(ctx context.Context, tenantID, id, reason string, notify bool) error {
	a, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return err
	}
	if reason == "" {
		return errs.Validation("a rejection reason is required")
	}
	if err := s.store.Close(ctx, tenantID, id, "rejected", reason); err != nil {
		return err
	}
	s.bus.Publish(ctx, events.ApplicationRejected, tenantID, id, map[string]string{
		"reason": reason, "stage": a.StageKey, "requisition_id": a.RequisitionID})
	if notify {
		s.sendRejection(ctx, tenantID, a)
	}
	return nil
}

// Hire marks a hire that did not go through an offer (contractors, rehires).
func (s *Service) Hire(ctx context.Context, tenantID, actorID, id string) error {
	a, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return err
	}
	if err := s.store.Move(ctx, tenantID, id, a.StageKey, models.StageHired, actorID, time.Now().UTC()); err != nil {
		return err
	}
	if err := s.store.Close(ctx, tenantID, id, "hired", ""); err != nil {
		return err
	}
	if err := s.reqs.RecordHire(ctx, tenantID, a.RequisitionID); err != nil {
		return err
	}
	s.bus.Publish(ctx, events.ApplicationHired, tenantID, id, map[string]string{"requisition_id": a.RequisitionID, "candidate_id": a.CandidateID})
	return nil
}

func (s *Service) sendRejection(ctx context.Context, tenantID string, a models.Application) {
	cand, err := s.candidates.Get(ctx, tenantID, a.CandidateID)
	if err != nil || cand.Anonymized {
		return
	}
	req, err := s.reqs.Get(ctx, tenantID, a.RequisitionID)
	if err != nil {
		return
	}
	_ = s.mail.Send(ctx, mailer.Message{To: []string{cand.Email}, Subject: "Your application for " + req.Title, Tag: "rejection",
		Body: fmt.Sprintf("Hi %s,\n\nThank you for your interest in the %s role. After careful consideration we have decided "+
			"not to move forward with your application at this time.\n\nWe wish you the best in your search.", cand.FirstName, req.Title)})
}

// OnRequisitionEnded rejects every active application when a requisition
// is closed or filled. Candidates holding an offer are left alone.
func (s *Service) OnRequisitionEnded(ctx context.Context, e events.Event) error {
	apps, err := s.store.ListByRequisition(ctx, e.TenantID, e.Subject, "", "active")
	if err != nil {
		return err
	}
	reason := "position closed"
	if e.Name == events.RequisitionFilled {
		reason = "position filled"
	}
	for _, a := range apps {
		if a.StageKey == models.StageOffer {
			continue
		}
		if err := s.Reject(ctx, e.TenantID, a.ID, reason, true); err != nil {
			s.log.Warn("pipeline: auto-reject failed", "application_id", a.ID, "err", err)
		}
	}
	return nil
}

// RunAutomation applies tenants' idle-application rules.
func (s *Service) RunAutomation(ctx context.Context) error {
	rules, err := s.store.Rules(ctx)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for _, r := range rules {
		apps, err := s.store.IdleInStage(ctx, r.TenantID, r.Stage, automation.Cutoff(r, now))
		if err != nil {
			return err
		}
		for _, act := range automation.Due(r, apps, now) {
			if act.Rule.Action == "remind" {
				s.log.Info("pipeline: idle application", "application_id", act.Application.ID, "stage", r.Stage)
				continue
			}
			reason := act.Rule.Reason
			if reason == "" {
				reason = fmt.Sprintf("no activity in %s for %d days", r.Stage, r.AfterDays)
			}
			if err := s.Reject(ctx, r.TenantID, act.Application.ID, reason, true); err != nil {
				s.log.Warn("pipeline: automation reject failed", "application_id", act.Application.ID, "err", err)
			}
		}
	}
	return nil
}
