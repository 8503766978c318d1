package contacts

import (
	"context"
	"net/mail"
	"strings"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/contacts/companies"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/clock"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/events"
	"pipelinelabs.io/crm/internal/platform/pagination"
)

// LimitChecker enforces plan contact limits (billing).
type LimitChecker interface {
	CheckContactLimit(ctx context.Context, tenantID core.ID, adding int) error
}

// Service is the contacts application service.
type Service struct {
	Repo      *Repo
	Companies *companies.Store
	Teams     *permissions.Teams
	Limits    LimitChecker
	Events    events.Publisher
	Clock     clock.Clock
}

// Input is the create/update payload.
type Input struct {
	OwnerID        core.ID `json:"owner_id"`
	CompanyID      core.ID `json:"company_id"`
	FirstName      string  `json:"first_name"`
	LastName       string  `json:"last_name"`
	Email          string  `json:"email"`
	Phone          string  `json:"phone"`
	Title          string  `json:"title"`
	LifecycleStage string  `json:"lifecycle_stage"`
}

var stages = map[string]bool{core.LifecycleLead: true, core.LifecycleQualified: true,
	core.LifecycleOpportunity: true, core.LifecycleCustomer: true, core.LifecycleChurned: true}

func (s *Service) validate(ctx context.Context, tenantID core.ID, in *Input) error {
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	if in.Email != "" {
		a, err := mail.ParseAddress(in.Email)
		if err != nil {
			return errs.Invalid("invalid email")
		}
		in.Email = strings.ToLower(a.Address)
	}
	if in.Email == "" && in.FirstName == "" && in.LastName == "" {
		return errs.Invalid("a contact needs a name or an email")
	}
	if in.LifecycleStage == "" {
		in.LifecycleStage = core.LifecycleLead
	}
	if !stages[in.LifecycleStage] {
		return errs.Invalid("unknown lifecycle stage")
	}
	if in.CompanyID != "" {
		if _, err := s.Companies.Get(ctx, tenantID, in.CompanyID); err != nil {
			return err
		}
	}
	return nil
}

// Create adds a contact.
func (s *Service) Create(ctx context.Context, in Input) (core.Contact, error) {
	p, err := permissions.Require(ctx, permissions.ContactsWrite)
	if err != nil {
		return core.Contact{}, err
	}
	if err := s.validate(ctx, p.TenantID, &in); err != nil {
		return core.Contact{}, err
	}
	if err := s.Limits.CheckContactLimit(ctx, p.TenantID, 1); err != nil {
		return core.Contact{}, err
	}
	if in.OwnerID == "" {
		in.OwnerID = p.UserID
	}
	now := s.Clock.Now()
	c := core.Contact{ID: core.NewID(core.PrefixContact), TenantID: p.TenantID, OwnerID: in.OwnerID, CompanyID: in.CompanyID,
		FirstName: in.FirstName, LastName: in.LastName, Email: in.Email, Phone: in.Phone, Title: in.Title,
		LifecycleStage: in.LifecycleStage, CreatedAt: now, UpdatedAt: now}
	if err := s.Repo.Insert(ctx, s.Repo.DB, c); err != nil {
		return c, err
	}
	_ = s.Events.Publish(ctx, core.TopicContactCreated, c)
	return c, nil
}

// Update edits a contact.
func (s *Service) Update(ctx context.Context, id core.ID, in Input) (core.Contact, error) {
	p, err := permissions.Require(ctx, permissions.ContactsWrite)
	if err != nil {
		return core.Contact{}, err
	}
	c, err := s.Get(ctx, id)
	if err != nil {
		return c, err
	}
	if err := s.validate(ctx, p.TenantID, &in); err != nil {
		return c, err
	}
	if in.OwnerID != "" {
		c.OwnerID = in.OwnerID
	}
	c.CompanyID, c.FirstName, c.LastName, c.Email = in.CompanyID, in.FirstName, in.LastName, in.Email
	c.Phone, c.Title, c.LifecycleStage, c.UpdatedAt = in.Phone, in.Title, in.LifecycleStage, s.Clock.Now()
	if err := s.Repo.Update(ctx, s.Repo.DB, c); err != nil {
		return c, err
	}
	_ = s.Events.Publish(ctx, core.TopicContactUpdated, c)
	return c, nil
}

// Get loads a contact the principal may see.
func (s *Service) Get(ctx context.Context, id core.ID) (core.Contact, error) {
	p, err := permissions.Require(ctx, permissions.ContactsRead)
	if err != nil {
		return core.Contact{}, err
	}
	c, err := s.Repo.Get(ctx, p.TenantID, id)
	if err != nil {
		return c, err
	}
	owners, err := s.Teams.VisibleOwners(ctx, p)
	if err != nil {
		return c, err
	}
	if owners != nil && !contains(owners, c.OwnerID) {
		return core.Contact{}, errs.NotFound("contact")
	}
	return c, nil
}

// Lookup loads a contact without visibility checks; used by other
// contexts (deals, activities, sequences) to validate references.
func (s *Service) Lookup(ctx context.Context, tenantID, id core.ID) (core.Contact, error) {
	return s.Repo.Get(ctx, tenantID, id)
}

// List pages contacts visible to the principal.
func (s *Service) List(ctx context.Context, f ListFilter, pg pagination.Params) (pagination.Page[core.Contact], error) {
	p, err := permissions.Require(ctx, permissions.ContactsRead)
	if err != nil {
		return pagination.Page[core.Contact]{}, err
	}
	owners, err := s.Teams.VisibleOwners(ctx, p)
	if err != nil {
		return pagination.Page[core.Contact]{}, err
	}
	if owners != nil {
		f.OwnerIDs = owners
	}
	cs, err := s.Repo.List(ctx, p.TenantID, f, pg)
	return pagination.NewPage(cs, pg), err
}

// Delete soft-deletes a contact.
func (s *Service) Delete(ctx context.Context, id core.ID) error {
	p, err := permissions.Require(ctx, permissions.ContactsWrite)
	if err != nil {
		return err
	}
	if _, err := s.Get(ctx, id); err != nil {
		return err
	}
	return s.Repo.SoftDelete(ctx, s.Repo.DB, p.TenantID, id, s.Clock.Now())
}

// Count implements billing.ContactCounter.
func (s *Service) Count(ctx context.Context, tenantID core.ID) (int, error) {
	return s.Repo.Count(ctx, tenantID)
}

func contains(ids []core.ID, id core.ID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
