// Package members implements registration and member standing.
package members

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"citylib.org/ils/apperr"
	"citylib.org/ils/internal/membership/eligibility"
	"citylib.org/ils/internal/platform/clock"
	"citylib.org/ils/internal/platform/eventbus"
	"citylib.org/ils/internal/platform/ids"
	"citylib.org/ils/models"
	repo "citylib.org/ils/repositories/members"
	finesvc "citylib.org/ils/services/fines"
)

// CardReplacementCents is the fee for a replacement card (council by-law 2019-114).
const CardReplacementCents = 300

// City postal codes start with these forward sortation letters.
var residentFSAPrefixes = []string{"M4", "M5", "M6"}

type Service struct {
	repo  *repo.Repo
	elig  *eligibility.Checker
	fines *finesvc.Service
	bus   *eventbus.Bus
	clock clock.Clock
}

func NewService(r *repo.Repo, e *eligibility.Checker, f *finesvc.Service, bus *eventbus.Bus, c clock.Clock) *Service {
	return &Service{repo: r, elig: e, fines: f, bus: bus, clock: c}
}

func age(birth, now time.Time) int {
	y := now.Year() - birth.Year()
	if now.YearDay() < birth.YearDay() {
		y--
	}
	return y
}

func isResident(postal string) bool {
	p := strings.ToUpper(strings.ReplaceAll(postal, " ", ""))
	for _, pre := range residentFSAPrefixes {
		if strings.HasPrefix(p, pre) {
			return true
		}
	}
	return false
}

// Register validates a registration and creates the member with a card.
func (s *Service) Register(ctx context.Context, req models.RegisterMemberRequest) (*models.Member, error) {
	now := s.clock.Now()
	if strings.TrimSpace(req.FirstName) == "" || strings.TrimSpace(req.LastName) == "" {
		return nil, apperr.Invalid("name_required", "first and last name are required")
	}
	birth, err := time.Parse(time.DateOnly, req.BirthDate)
	if err != nil {
		return nil, apperr.Invalid("bad_birth_date", "birth_date must be YYYY-MM-DD")
	}
	if req.Email != "" {
		if _, err := mail.ParseAddress(req.Email); err != nil {
			return nil, apperr.Invalid("bad_email", "invalid email address")
		}
		taken, err := s.repo.EmailTaken(ctx, req.Email)
		if err != nil {
			return nil, err
		}
		if taken {
			return nil, apperr.Conflict("email_taken", "a member with this email already exists")
		}
	}
	a := age(birth, now)
	cat := req.Category
	switch {
	case cat == models.CategoryStaff:
		// staff accounts are created by HR sync only
		return nil, apperr.Forbidden("staff memberships cannot be self-registered")
	case a < 13:
		cat = models.CategoryChild
		if req.GuardianID == nil {
			return nil, apperr.Invalid("guardian_required", "members under 13 need a guardian")
		}
	case a < 18:
		cat = models.CategoryTeen
	case !isResident(req.PostalCode):
		cat = models.CategoryNonResident
	case a >= 65:
		cat = models.CategorySenior
	default:
		cat = models.CategoryAdult
	}
	if req.GuardianID != nil {
		g, err := s.repo.Get(ctx, *req.GuardianID)
		if err != nil {
			return nil, err
		}
		if age(g.BirthDate, now) < 18 {
			return nil, apperr.Invalid("guardian_minor", "guardian must be an adult")
		}
	}
	years := 2
	if cat == models.CategoryNonResident {
		years = 1
	}
	m := &models.Member{
		FirstName: strings.TrimSpace(req.FirstName), LastName: strings.TrimSpace(req.LastName),
		Email: req.Email, Phone: req.Phone, BirthDate: birth, Address: req.Address,
		PostalCode: strings.ToUpper(req.PostalCode), Category: cat, HomeBranchID: req.HomeBranchID,
		GuardianID: req.GuardianID, ExpiresAt: clock.Day(now).AddDate(years, 0, 0),
	}
	card, err := ids.NewCardNumber()
	if err != nil {
		return nil, err
	}
	if err := s.repo.Create(ctx, m, card); err != nil {
		return nil, err
	}
	s.bus.Publish(ctx, models.TopicMemberRegistered, models.MemberEvent{MemberID: m.ID, ExpiresAt: m.ExpiresAt})
	return m, nil
}

func (s *Service) Get(ctx context.Context, id int64) (*models.Member, error) {
	return s.repo.Get(ctx, id)
}

// ByCard resolves a scanned card. Replaced cards are rejected.
func (s *Service) ByCard(ctx context.Context, number string) (*models.Member, error) {
	if !ids.ValidCardNumber(number) {
		return nil, apperr.Invalid("bad_card", "not a valid library card number")
	}
	return s.repo.GetByCard(ctx, number)
}

// Standing returns the member's current blocks.
func (s *Service) Standing(ctx context.Context, m *models.Member) ([]string, error) {
	bs, err := s.elig.Blocks(ctx, m, s.clock.Now())
	if err != nil {
		return nil, err
	}
	return eligibility.Strings(bs), nil
}

// RequireEligible fails with a Blocked error if the member may not borrow.
func (s *Service) RequireEligible(ctx context.Context, m *models.Member) error {
	return s.elig.Require(ctx, m, s.clock.Now())
}

// ReplaceCard issues a new card and charges the replacement fee (waived
// for children and seniors).
func (s *Service) ReplaceCard(ctx context.Context, memberID int64) (*models.Member, error) {
	m, err := s.repo.Get(ctx, memberID)
	if err != nil {
		return nil, err
	}
	number, err := ids.NewCardNumber()
	if err != nil {
		return nil, err
	}
	if err := s.repo.ReplaceCard(ctx, memberID, number); err != nil {
		return nil, err
	}
	if m.Category != models.CategoryChild && m.Category != models.CategorySenior {
		if _, err := s.fines.Charge(ctx, memberID, nil, models.FineCard, CardReplacementCents, "replacement card"); err != nil {
			return nil, err
		}
	}
	m.CardNumber = number
	return m, nil
}

func (s *Service) Suspend(ctx context.Context, memberID int64, reason string) error {
	if reason == "" {
		return apperr.Invalid("reason_required", "suspension reason is required")
	}
	return s.repo.SetStatus(ctx, memberID, models.MemberSuspended, reason)
}

// Renew extends an expiring or expired membership from today.
func (s *Service) Renew(ctx context.Context, memberID int64) (*models.Member, error) {
	m, err := s.repo.Get(ctx, memberID)
	if err != nil {
		return nil, err
	}
	if m.Status == models.MemberSuspended {
		return nil, apperr.Blocked("suspended", "suspended members cannot renew")
	}
	years := 2
	if m.Category == models.CategoryNonResident {
		years = 1
	}
	base := clock.Day(s.clock.Now())
	if m.ExpiresAt.After(base) {
		base = m.ExpiresAt
	}
	if err := s.repo.Extend(ctx, memberID, base.AddDate(years, 0, 0)); err != nil {
		return nil, err
	}
	return s.repo.Get(ctx, memberID)
}
