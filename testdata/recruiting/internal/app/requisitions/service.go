// Package requisitions owns the lifecycle of job requisitions: drafting,
// approval, opening, filling and closing.
package requisitions

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	appaccounts "github.com/hirebase/ats/internal/app/accounts"
	appbilling "github.com/hirebase/ats/internal/app/billing"
	"github.com/hirebase/ats/internal/app/requisitions/approvals"
	dbrequisitions "github.com/hirebase/ats/internal/db/requisitions"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/events"
	"github.com/hirebase/ats/internal/platform/ids"
	"github.com/hirebase/ats/internal/platform/mailer"
	"github.com/hirebase/ats/internal/platform/money"
)

var employmentTypes = []string{"full_time", "part_time", "contract", "intern"}

// Manual status changes allowed from each status.
var transitions = map[models.RequisitionStatus][]models.RequisitionStatus{
	models.ReqApproved: {models.ReqOnHold, models.ReqClosed},
	models.ReqOnHold:   {models.ReqApproved, models.ReqClosed},
	models.ReqDraft:    {models.ReqClosed},
	models.ReqRejected: {models.ReqClosed},
}

type Service struct {
	store    *dbrequisitions.Store
	accounts *appaccounts.Service
	billing  *appbilling.Service
	bus      *events.Bus
	mail     mailer.Mailer
	log      *slog.Logger
}

func New(store *dbrequisitions.Store, accounts *appaccounts.Service, billing *appbilling.Service, bus *events.Bus, mail mailer.Mailer, log *slog.Logger) *Service {
	return &Service{store: store, accounts: accounts, billing: billing, bus: bus, mail: mail, log: log}
}

type Draft struct {
	Title           string `json:"title"`
	DepartmentID    string `json:"department_id"`
	Location        string `json:"location"`
	EmploymentType  string `json:"employment_type"`
	Openings        int    `json:"openings"`
	SalaryMin       string `json:"salary_min"`
	SalaryMax       string `json:"salary_max"`
	Currency        string `json:"currency"`
	Backfill        bool   `json:"backfill"`
	HiringManagerID string `json:"hiring_manager_id"`
	RecruiterID     string `json:"recruiter_id"`
}

func (d Draft) apply(r *models.Requisition) error {
	r.Title = strings.TrimSpace(d.Title)
	switch {
	case r.Title == "":
		return errs.Validation("title is required")
	case !slices.Contains(employmentTypes, d.EmploymentType):
		return errs.Validation("invalid employment type %q", d.EmploymentType)
	case d.Openings < 1 || d.Openings > 500:
		return errs.Validation("openings must be between 1 and 500")
	case d.DepartmentID == "" || d.HiringManagerID == "":
		return errs.Validation("department and hiring manager are required")
	}
	cur := d.Currency
	if cur == "" {
		cur = "USD"
	}
	min, err1 := money.Parse(d.SalaryMin, cur)
	max, err2 := money.Parse(d.SalaryMax, cur)
	if err1 != nil || err2 != nil || max.Less(min) {
		return errs.Validation("salary range is invalid")
	}
	r.DepartmentID, r.Location, r.EmploymentType = d.DepartmentID, d.Location, d.EmploymentType
	r.Openings, r.SalaryMin, r.SalaryMax, r.Backfill = d.Openings, min, max, d.Backfill
	r.HiringManagerID, r.RecruiterID = d.HiringManagerID, d.RecruiterID
	return nil
}

func (s *Service) Create(ctx context.Context, tenantID, actorID string, d Draft) (models.Requisition, error) {
	r := models.Requisition{ID: ids.New(ids.Requisition), TenantID: tenantID, Status: models.ReqDraft, CreatedBy: actorID, CreatedAt: time.Now().UTC()}
	if err := d.apply(&r); err != nil {
		return r, err
	}
	if _, err := s.accounts.GetUser(ctx, tenantID, r.HiringManagerID); err != nil {
		return r, errs.Validation("hiring manager does not exist")
	}
	return r, s.store.Create(ctx, r)
}

func (s *Service) Update(ctx context.Context, tenantID, id string, d Draft) (models.Requisition, error) {
	r, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return r, err
	}
	if err := d.apply(&r); err != nil {
		return r, err
	}
	return r, s.store.UpdateDraft(ctx, r)
}

func (s *Service) Get(ctx context.Context, tenantID, id string) (models.Requisition, error) {
	return s.store.Get(ctx, tenantID, id)
}

func (s *Service) List(ctx context.Context, tenantID, status, departmentID string, page dbx.Page) ([]models.Requisition, error) {
	return s.store.List(ctx, tenantID, status, departmentID, page)
}

// Submit builds the approval chain and sends the requisition for approval.
func (s *Service) Submit(ctx context.Context, tenantID, id string) (models.Requisition, error) {
	r, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return r, err
	}
	if r.Status != models.ReqDraft && r.Status != models.ReqRejected {
		return r, errs.Conflict("requisition is %s", r.Status)
	}
	if err := s.billing.CheckRequisitionQuota(ctx, tenantID); err != nil {
		return r, err
	}
	appr, err := s.accounts.ApproversFor(ctx, tenantID, r.DepartmentID)
	if err != nil {
		return r, err
	}
	steps := approvals.BuildChain(approvals.DefaultPolicy(r.SalaryMax.Currency),
		approvals.Input{Req: r, DepartmentHead: appr.DepartmentHead, Finance: appr.Finance})
	r.Status = models.ReqPendingApproval
	if len(steps) == 0 {
		r.Status = models.ReqApproved
	}
	if err := s.store.ReplaceApprovalChain(ctx, tenantID, id, steps, r.Status); err != nil {
		return r, err
	}
	if len(steps) == 0 {
		s.bus.Publish(ctx, events.RequisitionApproved, tenantID, r.ID, r)
	} else {
		s.notifyApprover(ctx, r, steps[0])
	}
	return r, nil
}

// Decide records an approver's decision on the current step.
func (s *Service) Decide(ctx context.Context, tenantID, actorID string, isAdmin bool, id string, approve bool, comment string) (models.Requisition, error) {
	r, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return r, err
	}
	steps, err := s.store.ApprovalSteps(ctx, id)
	if err != nil {
		return r, err
	}
	step, err := approvals.CurrentStepFor(steps, actorID, isAdmin)
	if err != nil {
		return r, err
	}
	decision := "approved"
	if !approve {
		decision = "rejected"
		if strings.TrimSpace(comment) == "" {
			return r, errs.Validation("a comment is required when rejecting")
		}
	}
	if err := s.store.DecideStep(ctx, step.ID, decision, comment); err != nil {
		return r, err
	}
	steps[step.Seq-1].Decision = decision
	outcome, next := approvals.Evaluate(steps)
	switch outcome {
	case approvals.Pending:
		s.notifyApprover(ctx, r, steps[next])
		return r, nil
	case approvals.Approved:
		r.Status = models.ReqApproved
	case approvals.Rejected:
		r.Status = models.ReqRejected
	}
	if err := s.store.SetStatus(ctx, tenantID, id, r.Status); err != nil {
		return r, err
	}
	if r.Status == models.ReqApproved {
		s.bus.Publish(ctx, events.RequisitionApproved, tenantID, r.ID, r)
	}
	s.notify(ctx, tenantID, r.CreatedBy, "Requisition "+string(r.Status)+": "+r.Title, fmt.Sprintf("Your requisition %q was %s. %s", r.Title, r.Status, comment))
	return r, nil
}

// EnsureOpen returns the requisition if it is accepting candidates.
func (s *Service) EnsureOpen(ctx context.Context, tenantID, id string) (models.Requisition, error) {
	r, err := s.store.Get(ctx, tenantID, id)
	if err == nil && !r.Open() {
		err = errs.Conflict("requisition %s is not open (status %s)", r.ID, r.Status)
	}
	return r, err
}

// RecordHire counts a hire against the requisition and fills it when done.
func (s *Service) RecordHire(ctx context.Context, tenantID, id string) error {
	filled, openings, err := s.store.IncrementFilled(ctx, tenantID, id)
	if err != nil || filled < openings {
		return err
	}
	if err := s.store.SetStatus(ctx, tenantID, id, models.ReqFilled); err != nil {
		return err
	}
	s.bus.Publish(ctx, events.RequisitionFilled, tenantID, id, map[string]int{"filled": filled})
	return nil
}

func (s *Service) SetStatus(ctx context.Context, tenantID, id string, to models.RequisitionStatus) error {
	r, err := s.store.Get(ctx, tenantID, id)
	if err != nil {
		return err
	}
	if !slices.Contains(transitions[r.Status], to) {
		return errs.Conflict("cannot move requisition from %s to %s", r.Status, to)
	}
	if err := s.store.SetStatus(ctx, tenantID, id, to); err != nil {
		return err
	}
	if to == models.ReqClosed {
		s.bus.Publish(ctx, events.RequisitionClosed, tenantID, id, nil)
	}
	return nil
}

func (s *Service) notifyApprover(ctx context.Context, r models.Requisition, step models.ApprovalStep) {
	s.notify(ctx, r.TenantID, step.ApproverID, "Approval needed: "+r.Title, fmt.Sprintf("Your approval is requested (%s) for requisition %q: %d opening(s), %s – %s.",
		step.Reason, r.Title, r.Openings, r.SalaryMin, r.SalaryMax))
}

func (s *Service) notify(ctx context.Context, tenantID, userID, subject, body string) {
	u, err := s.accounts.GetUser(ctx, tenantID, userID)
	if err == nil {
		err = s.mail.Send(ctx, mailer.Message{To: []string{u.Email}, Subject: subject, Body: body, Tag: "requisitions"})
	}
	if err != nil {
		s.log.Warn("requisitions: notification failed", "user_id", userID, "err", err)
	}
}
