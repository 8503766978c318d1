// Package service implements joining, cancelling and looking up memberships.
package service

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/membership/domain"
	"github.com/pulsefit/clubs/internal/membership/plans"
	"github.com/pulsefit/clubs/internal/membership/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/ids"
	"github.com/pulsefit/clubs/pkg/notify"
)

// Biller is the part of billing that membership needs.
type Biller interface {
	OpenAccount(ctx context.Context, memberID, sortCode, accountNo string, first models.InvoiceLine) (string, error)
	HasArrears(ctx context.Context, memberID string) (bool, error)
}

type Service struct {
	db     *sql.DB
	store  *store.Store
	plans  *plans.Catalogue
	biller Biller
	bus    *events.Bus
	mail   notify.Sender
	now    func() time.Time
}

func New(conn *sql.DB, st *store.Store, pl *plans.Catalogue, b Biller, bus *events.Bus, mail notify.Sender) *Service {
	return &Service{db: conn, store: st, plans: pl, biller: b, bus: bus, mail: mail, now: time.Now}
}

// Join signs up a new member.
func (s *Service) Join(ctx context.Context, req domain.JoinRequest) (models.Member, error) {
	now := s.now().UTC()
	if err := req.Validate(now); err != nil {
		return models.Member{}, err
	}
	if _, err := s.store.MemberByEmail(ctx, req.Email); err == nil {
		return models.Member{}, errs.Conflict("a member with this email already exists")
	} else if !errs.Is(err, errs.KindNotFound) {
		return models.Member{}, err
	}
	plan, err := s.plans.ByCode(ctx, req.PlanCode)
	if err != nil {
		return models.Member{}, err
	}
	if plan, err = s.plans.ApplyPromo(ctx, plan, req.PromoCode, now); err != nil {
		return models.Member{}, err
	}
	m := models.Member{
		ID: ids.New(ids.Member), HomeClubID: req.ClubID, FirstName: req.FirstName, LastName: req.LastName,
		Email: req.Email, Phone: req.Phone, DateOfBirth: req.DateOfBirth, Status: models.MemberActive,
		MarketingOK: req.MarketingOK, JoinedAt: now,
	}
	ms := models.Membership{
		ID: ids.New(ids.Membership), MemberID: m.ID, PlanID: plan.ID, ClubID: req.ClubID,
		Status: models.MemberActive, StartDate: req.StartDate, RenewsOn: domain.NextRenewal(req.StartDate),
	}
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.store.InsertMember(ctx, tx, m); err != nil {
			return err
		}
		return s.store.InsertMembership(ctx, tx, ms)
	})
	if err != nil {
		return models.Member{}, err
	}
	first := models.InvoiceLine{
		Description: "Joining fee and first month (" + plan.Name + ")", Quantity: 1,
		UnitPrice: domain.FirstPayment(plan, req.StartDate), Source: "membership", SourceRef: ms.ID,
	}
	if _, err := s.biller.OpenAccount(ctx, m.ID, req.SortCode, req.AccountNo, first); err != nil {
		return models.Member{}, err
	}
	_ = s.mail.Send(ctx, notify.Message{To: m.Email, Subject: "Welcome to PulseFit", Template: "welcome",
		Data: map[string]any{"FirstName": m.FirstName, "Club": req.ClubID, "Start": req.StartDate.Format("2 Jan")}})
	_ = s.bus.Publish(ctx, events.MemberJoined, m.ID, map[string]any{
		"member_id": m.ID, "club_id": m.HomeClubID, "plan": plan.Code, "referral_code": req.ReferralCode,
	})
	return m, nil
}

func (s *Service) Get(ctx context.Context, id string) (models.Member, error) {
	return s.store.GetMember(ctx, id)
}

func (s *Service) Current(ctx context.Context, memberID string) (models.Membership, error) {
	return s.store.CurrentMembership(ctx, memberID)
}

// Cancel gives notice; the membership ends at the earliest permitted date.
func (s *Service) Cancel(ctx context.Context, memberID, reason string) (time.Time, error) {
	ms, err := s.store.CurrentMembership(ctx, memberID)
	if err != nil {
		return time.Time{}, err
	}
	if ms.EndDate != nil {
		return *ms.EndDate, errs.Conflict("membership already ends on %s", ms.EndDate.Format(time.DateOnly))
	}
	end := domain.EarliestEnd(ms, *ms.Plan, s.now().UTC())
	if err := s.store.SetMembershipStatus(ctx, s.db, ms.ID, ms.Status, &end); err != nil {
		return time.Time{}, err
	}
	_ = s.store.AddNote(ctx, memberID, "system", "Cancellation requested: "+reason)
	_ = s.bus.Publish(ctx, events.MembershipCancelled, memberID, map[string]any{"member_id": memberID, "ends": end})
	return end, nil
}

// Eligibility is what other contexts ask before letting someone in or booking.
type Eligibility struct {
	MemberID     string
	Active       bool
	HomeClubID   string
	AllClubs     bool
	OffPeakOnly  bool
	ClassCredits int
	Reason       string
}

// CheckEligibility is the supported way for other contexts to ask about a member.
func (s *Service) CheckEligibility(ctx context.Context, memberID string) (Eligibility, error) {
	e := Eligibility{MemberID: memberID}
	ms, err := s.store.CurrentMembership(ctx, memberID)
	if errs.Is(err, errs.KindNotFound) {
		e.Reason = "no membership"
		return e, nil
	}
	if err != nil {
		return e, err
	}
	e.HomeClubID, e.AllClubs, e.OffPeakOnly, e.ClassCredits = ms.ClubID, ms.Plan.AllClubs, ms.Plan.OffPeakOnly, ms.Plan.ClassCredits
	switch ms.Status {
	case models.MemberActive:
		e.Active = true
	case models.MemberFrozen:
		e.Reason = "membership frozen"
	case models.MemberSuspended:
		e.Reason = "membership suspended – payment overdue"
	default:
		e.Reason = "membership " + string(ms.Status)
	}
	if e.Active {
		if arrears, err := s.biller.HasArrears(ctx, memberID); err == nil && arrears {
			e.Reason = "account in arrears"
		}
	}
	return e, nil
}

// Reinstate reactivates a suspended member once billing reports payment.
func (s *Service) Reinstate(ctx context.Context, memberID string) error {
	m, err := s.store.GetMember(ctx, memberID)
	if err != nil {
		return err
	}
	if m.Status != models.MemberSuspended {
		return nil
	}
	ms, err := s.store.CurrentMembership(ctx, memberID)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if err := s.store.SetMemberStatus(ctx, tx, memberID, models.MemberActive); err != nil {
			return err
		}
		return s.store.SetMembershipStatus(ctx, tx, ms.ID, models.MemberActive, nil)
	})
}

// OnPaymentSucceeded is subscribed to billing.payment_succeeded.
func (s *Service) OnPaymentSucceeded(ctx context.Context, e events.Event) error {
	return s.Reinstate(ctx, e.Key)
}

// RunRenewals advances renewal dates and closes expired memberships (worker job).
func (s *Service) RunRenewals(ctx context.Context) error {
	today := s.now().UTC().Truncate(24 * time.Hour)
	if _, err := s.store.EndExpired(ctx, today); err != nil {
		return err
	}
	due, err := s.store.DueForRenewal(ctx, today)
	if err != nil {
		return err
	}
	for _, ms := range due {
		next := ms.RenewsOn.AddDate(0, 1, 0)
		if err := s.store.AdvanceRenewal(ctx, ms.ID, next); err != nil {
			return err
		}
		_ = s.bus.Publish(ctx, events.MembershipRenewed, ms.MemberID, map[string]any{"membership_id": ms.ID, "next": next})
	}
	return nil
}
