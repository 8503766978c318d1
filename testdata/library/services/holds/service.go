// Package holds implements placing and cancelling title-level holds.
package holds

import (
	"context"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/circulation/holdqueue"
	"citylib.org/ils/internal/circulation/policy"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/models"
	holdrepo "citylib.org/ils/repositories/holds"
	branchsvc "citylib.org/ils/services/branches"
	catalogsvc "citylib.org/ils/services/catalog"
	membersvc "citylib.org/ils/services/members"
)

type Service struct {
	repo     *holdrepo.Repo
	members  *membersvc.Service
	catalog  *catalogsvc.Service
	branches *branchsvc.Service
	policy   *policy.Resolver
	queue    *holdqueue.Allocator
	bus      *eventbus.Bus
}

func NewService(r *holdrepo.Repo, m *membersvc.Service, c *catalogsvc.Service, b *branchsvc.Service,
	p *policy.Resolver, q *holdqueue.Allocator, bus *eventbus.Bus) *Service {
	return &Service{repo: r, members: m, catalog: c, branches: b, policy: p, queue: q, bus: bus}
}

func (s *Service) Place(ctx context.Context, req models.PlaceHoldRequest) (*models.Hold, error) {
	m, err := s.members.Get(ctx, req.MemberID)
	if err != nil {
		return nil, err
	}
	if err := s.members.RequireEligible(ctx, m); err != nil {
		return nil, err
	}
	t, err := s.catalog.Title(ctx, req.TitleID)
	if err != nil {
		return nil, err
	}
	p, err := s.policy.Resolve(ctx, t.Format, m.Category)
	if err != nil {
		return nil, err
	}
	if !p.Holdable {
		return nil, apperr.Invalid("not_holdable", string(t.Format)+" items cannot be placed on hold")
	}
	if req.PickupBranchID == 0 {
		req.PickupBranchID = m.HomeBranchID
	}
	if err := s.branches.MustBeActive(ctx, req.PickupBranchID); err != nil {
		return nil, err
	}
	dup, err := s.repo.Exists(ctx, t.ID, m.ID)
	if err != nil {
		return nil, err
	}
	if dup {
		return nil, apperr.Conflict("duplicate_hold", "member already has a hold on this title")
	}
	n, err := s.repo.CountOpenByMember(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	limit := policy.MaxHoldsPerMember
	if m.Category == models.CategoryChild {
		limit = policy.MaxHoldsChild
	}
	if n >= limit {
		return nil, apperr.Blocked("hold_limit", "hold limit reached")
	}
	h := &models.Hold{TitleID: t.ID, MemberID: m.ID, PickupBranchID: req.PickupBranchID, Title: t.Title}
	if err := s.repo.Create(ctx, h); err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, models.TopicHoldPlaced, models.HoldEvent{HoldID: h.ID, MemberID: m.ID, TitleID: t.ID,
		Title: t.Title, PickupBranchID: h.PickupBranchID})
	if err := s.queue.TryFill(ctx, h); err != nil {
		return nil, err
	}
	return s.repo.Get(ctx, h.ID)
}

// Cancel withdraws a hold. A trapped copy goes back through allocation
// when it is next scanned (the hold shelf is cleared daily).
func (s *Service) Cancel(ctx context.Context, holdID, memberID int64) error {
	h, err := s.repo.Get(ctx, holdID)
	if err != nil {
		return err
	}
	if memberID != 0 && h.MemberID != memberID {
		return apperr.Forbidden("not your hold")
	}
	switch h.Status {
	case models.HoldFulfilled, models.HoldCancelled, models.HoldExpired:
		return apperr.Conflict("hold_closed", "hold is already "+string(h.Status))
	}
	return s.repo.SetStatus(ctx, holdID, models.HoldCancelled)
}
