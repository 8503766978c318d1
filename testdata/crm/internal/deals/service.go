package deals

import (
	"context"
	"strings"
	"time"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/deals/stages"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// ContactLookup validates contact references (contacts context).
type ContactLookup interface {
	Lookup(ctx context.Context, tenantID, id core.ID) (core.Contact, error)
}

// CompanyLookup validates company references (contacts context).
type CompanyLookup interface {
	Get(ctx context.Context, tenantID, id core.ID) (core.Company, error)
}

// Service is the deals application service.
type Service struct {
	Repo      *Repo
	Stages    *stages.Store
	Contacts  ContactLookup
	Companies CompanyLookup
	Teams     *permissions.Teams
	Events    events.Publisher
	Clock     clock.Clock
	Currency  string
}

// Input is the create/update payload.
type Input struct {
	Title         string     `json:"title"`
	OwnerID       core.ID    `json:"owner_id"`
	StageID       core.ID    `json:"stage_id"`
	ContactID     core.ID    `json:"contact_id"`
	CompanyID     core.ID    `json:"company_id"`
	Amount        int64      `json:"amount"`
	Currency      string     `json:"currency"`
	ExpectedClose *time.Time `json:"expected_close"`
}

func (s *Service) checkRefs(ctx context.Context, tenantID core.ID, in *Input) error {
	in.Title = strings.TrimSpace(in.Title)
	if in.Title == "" {
		return errs.Invalid("title is required")
	}
	if in.Amount < 0 {
		return errs.Invalid("amount must not be negative")
	}
	if in.Currency == "" {
		in.Currency = s.Currency
	}
	if in.ContactID != "" {
		c, err := s.Contacts.Lookup(ctx, tenantID, in.ContactID)
		if err != nil {
			return err
		}
		if in.CompanyID == "" {
			in.CompanyID = c.CompanyID
		}
	}
	if in.CompanyID != "" {
		if _, err := s.Companies.Get(ctx, tenantID, in.CompanyID); err != nil {
			return err
		}
	}
	return nil
}

// Create opens a deal.
func (s *Service) Create(ctx context.Context, in Input) (core.Deal, error) {
	p, err := permissions.Require(ctx, permissions.DealsWrite)
	if err != nil {
		return core.Deal{}, err
	}
	if err := s.checkRefs(ctx, p.TenantID, &in); err != nil {
		return core.Deal{}, err
	}
	var st core.Stage
	if in.StageID != "" {
		st, err = s.Stages.Stage(ctx, p.TenantID, in.StageID)
	} else {
		st, err = s.Stages.DefaultEntry(ctx, p.TenantID)
	}
	if err != nil {
		return core.Deal{}, err
	}
	if in.OwnerID == "" {
		in.OwnerID = p.UserID
	}
	now := s.Clock.Now()
	d := core.Deal{ID: core.NewID(core.PrefixDeal), TenantID: p.TenantID, OwnerID: in.OwnerID, PipelineID: st.PipelineID,
		StageID: st.ID, ContactID: in.ContactID, CompanyID: in.CompanyID, Title: in.Title,
		Value: core.Money{Amount: in.Amount, Currency: in.Currency}, Status: core.DealOpen, ExpectedClose: in.ExpectedClose,
		StageChangedAt: now, CreatedAt: now, UpdatedAt: now}
	if err := s.Repo.Insert(ctx, d); err != nil {
		return d, err
	}
	_ = s.Events.Publish(ctx, core.TopicDealCreated, d)
	return d, nil
}

// Get loads a visible deal.
func (s *Service) Get(ctx context.Context, id core.ID) (core.Deal, error) {
	p, err := permissions.Require(ctx, permissions.DealsRead)
	if err != nil {
		return core.Deal{}, err
	}
	d, err := s.Repo.Get(ctx, p.TenantID, id)
	if err != nil {
		return d, err
	}
	owners, err := s.Teams.VisibleOwners(ctx, p)
	if err != nil {
		return d, err
	}
	if owners != nil {
		for _, o := range owners {
			if o == d.OwnerID {
				return d, nil
			}
		}
		return core.Deal{}, errs.NotFound("deal")
	}
	return d, nil
}

// Lookup loads a deal without visibility checks for other contexts.
func (s *Service) Lookup(ctx context.Context, tenantID, id core.ID) (core.Deal, error) {
	return s.Repo.Get(ctx, tenantID, id)
}

// List pages deals visible to the principal.
func (s *Service) List(ctx context.Context, f Filter, pg pagination.Params) (pagination.Page[core.Deal], error) {
	p, err := permissions.Require(ctx, permissions.DealsRead)
	if err != nil {
		return pagination.Page[core.Deal]{}, err
	}
	owners, err := s.Teams.VisibleOwners(ctx, p)
	if err != nil {
		return pagination.Page[core.Deal]{}, err
	}
	if owners != nil {
		f.OwnerIDs = owners
	}
	ds, err := s.Repo.List(ctx, p.TenantID, f, pg)
	return pagination.NewPage(ds, pg), err
}

// Update edits a deal's fields (not its stage or status).
func (s *Service) Update(ctx context.Context, id core.ID, in Input) (core.Deal, error) {
	p, err := permissions.Require(ctx, permissions.DealsWrite)
	if err != nil {
		return core.Deal{}, err
	}
	d, err := s.Get(ctx, id)
	if err != nil {
		return d, err
	}
	if err := s.checkRefs(ctx, p.TenantID, &in); err != nil {
		return d, err
	}
	d.Title, d.ContactID, d.CompanyID = in.Title, in.ContactID, in.CompanyID
	d.Value = core.Money{Amount: in.Amount, Currency: in.Currency}
	d.ExpectedClose, d.UpdatedAt = in.ExpectedClose, s.Clock.Now()
	if in.OwnerID != "" {
		d.OwnerID = in.OwnerID
	}
	return d, s.Repo.Save(ctx, s.Repo.DB, d)
}

// MoveStage moves an open deal to another stage of its pipeline.
func (s *Service) MoveStage(ctx context.Context, id, stageID core.ID) (core.Deal, error) {
	p, err := permissions.Require(ctx, permissions.DealsWrite)
	if err != nil {
		return core.Deal{}, err
	}
	d, err := s.Get(ctx, id)
	if err != nil {
		return d, err
	}
	if d.Status != core.DealOpen {
		return d, errs.Conflict("only open deals can change stage")
	}
	st, err := s.Stages.Stage(ctx, p.TenantID, stageID)
	if err != nil {
		return d, err
	}
	if st.PipelineID != d.PipelineID {
		return d, errs.Invalid("stage belongs to another pipeline")
	}
	if st.ID == d.StageID {
		return d, nil
	}
	from := d.StageID
	now := s.Clock.Now()
	d.StageID, d.StageChangedAt, d.UpdatedAt = st.ID, now, now
	if err := s.Repo.Save(ctx, s.Repo.DB, d); err != nil {
		return d, err
	}
	_ = s.Events.Publish(ctx, core.TopicDealStageChanged, core.DealStageChanged{
		DealID: d.ID, ContactID: d.ContactID, FromStage: from, ToStage: st.ID, ChangedBy: p.UserID})
	return d, nil
}

// Close marks a deal won or lost.
func (s *Service) Close(ctx context.Context, id core.ID, status core.DealStatus, reason string) (core.Deal, error) {
	if _, err := permissions.Require(ctx, permissions.DealsWrite); err != nil {
		return core.Deal{}, err
	}
	if status != core.DealWon && status != core.DealLost {
		return core.Deal{}, errs.Invalid("status must be won or lost")
	}
	if status == core.DealLost && strings.TrimSpace(reason) == "" {
		return core.Deal{}, errs.Invalid("a lost reason is required")
	}
	d, err := s.Get(ctx, id)
	if err != nil {
		return d, err
	}
	if d.Status != core.DealOpen {
		return d, errs.Conflict("deal is already closed")
	}
	now := s.Clock.Now()
	d.Status, d.LostReason, d.ClosedAt, d.UpdatedAt = status, reason, &now, now
	if err := s.Repo.Save(ctx, s.Repo.DB, d); err != nil {
		return d, err
	}
	topic := core.TopicDealWon
	if status == core.DealLost {
		topic = core.TopicDealLost
	}
	_ = s.Events.Publish(ctx, topic, core.DealClosed{DealID: d.ID, OwnerID: d.OwnerID, Title: d.Title, Value: d.Value, Status: status, Reason: reason})
	return d, nil
}

// Delete soft-deletes a deal.
func (s *Service) Delete(ctx context.Context, id core.ID) error {
	p, err := permissions.Require(ctx, permissions.DealsDelete)
	if err != nil {
		return err
	}
	return s.Repo.SoftDelete(ctx, p.TenantID, id, s.Clock.Now())
}

// SubscribeTo keeps last_activity_at fresh for rotting detection.
func (s *Service) SubscribeTo(sub events.Subscriber) {
	sub.Subscribe(core.TopicActivityLogged, func(ctx context.Context, e events.Event) error {
		a, err := events.Decode[core.ActivityLogged](e)
		if err != nil || a.DealID == "" {
			return err
		}
		return s.Repo.TouchActivity(ctx, e.TenantID, a.DealID, a.OccurredAt)
	})
}
