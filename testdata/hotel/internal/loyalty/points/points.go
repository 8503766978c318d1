// Package points runs the Staybright Rewards programme: enrolment, earning
// on completed stays, redemption and the yearly tier review.
package points

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"time"

	"github.com/staybright/platform/internal/loyalty/store"
	"github.com/staybright/platform/internal/loyalty/tiers"
	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/clock"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/events"
	"github.com/staybright/platform/internal/pkg/log"
	"github.com/staybright/platform/internal/store/reservation"
)

// Profiles is implemented by the guest service.
type Profiles interface {
	SetLoyalty(ctx context.Context, id, number string, tier model.LoyaltyTier) error
}

// Service is the loyalty programme.
type Service struct {
	store        *store.Store
	reservations *reservation.Store
	profiles     Profiles
	clock        clock.Clock
	log          *log.Logger
}

// New builds the service.
func New(s *store.Store, rs *reservation.Store, p Profiles, c clock.Clock, l *log.Logger) *Service {
	return &Service{store: s, reservations: rs, profiles: p, clock: c, log: l.Component("loyalty")}
}

// Subscribe wires the programme to stay events.
func (s *Service) Subscribe(bus *events.Bus) {
	bus.Subscribe(model.TopicGuestCheckedOut, "loyalty.earn", s.onCheckedOut)
}

// Enroll opens a Blue account for a guest.
func (s *Service) Enroll(ctx context.Context, guestID string) (*model.LoyaltyAccount, error) {
	if a, err := s.store.Account(ctx, guestID); err == nil {
		return a, nil
	} else if !errs.IsNotFound(err) {
		return nil, err
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000_000))
	if err != nil {
		return nil, errs.Wrap(err, "points.Enroll")
	}
	a := &model.LoyaltyAccount{
		GuestID: guestID, Number: fmt.Sprintf("SBR%09d", n.Int64()), Tier: model.TierBlue,
		TierExpiresAt: s.periodEnd(),
	}
	if err := s.store.CreateAccount(ctx, a); err != nil {
		return nil, err
	}
	if err := s.profiles.SetLoyalty(ctx, guestID, a.Number, a.Tier); err != nil {
		return nil, err
	}
	s.log.Info("member enrolled", "guest_id", guestID, "number", a.Number)
	return a, nil
}

// Summary is an account with its recent activity and benefits.
type Summary struct {
	Account  model.LoyaltyAccount `json:"account"`
	Benefits []string             `json:"benefits"`
	Recent   []store.Txn          `json:"recent"`
}

// Balance returns the member summary.
func (s *Service) Balance(ctx context.Context, guestID string) (*Summary, error) {
	a, err := s.store.Account(ctx, guestID)
	if err != nil {
		return nil, err
	}
	recent, err := s.store.Transactions(ctx, guestID, 20)
	if err != nil {
		return nil, err
	}
	sum := &Summary{Account: *a, Benefits: tiers.Lookup(a.Tier).Benefits, Recent: recent}
	return sum, nil
}

// Earn credits points for a completed stay. It is idempotent per reservation.
func (s *Service) Earn(ctx context.Context, r model.Reservation) error {
	a, err := s.store.Account(ctx, r.GuestID)
	if errs.IsNotFound(err) {
		return nil // not a member
	}
	if err != nil {
		return err
	}
	pts := tiers.EarnPoints(a.Tier, r.TotalCents)
	applied, err := s.store.Apply(ctx, store.Txn{
		GuestID: r.GuestID, Points: pts, Kind: "earn", Reference: r.ID, Nights: r.Nights(),
	})
	if err != nil {
		return err
	}
	if applied {
		s.log.Info("points earned", "guest_id", r.GuestID, "reservation_id", r.ID, "points", pts)
	}
	return nil
}

func (s *Service) onCheckedOut(ctx context.Context, e events.Event) error {
	ev, ok := e.(model.GuestCheckedOut)
	if !ok {
		return nil
	}
	return s.Earn(ctx, ev.Reservation)
}

// ReconcileStays credits any completed stays that were missed (e.g. the
// worker was down when the checkout event fired). Support runs it on request.
func (s *Service) ReconcileStays(ctx context.Context, guestID string) (int, error) {
	stays, err := s.reservations.CompletedStays(ctx, guestID)
	if err != nil {
		return 0, err
	}
	credited := 0
	for _, r := range stays {
		if err := s.Earn(ctx, r); err != nil {
			return credited, err
		}
		credited++
	}
	return credited, nil
}

// ReviewTiers re-qualifies accounts whose tier period ended. It returns the
// number of accounts reviewed.
func (s *Service) ReviewTiers(ctx context.Context) (int, error) {
	now := s.clock.Now()
	due, err := s.store.DueForReview(ctx, now, 1000)
	if err != nil {
		return 0, err
	}
	for _, a := range due {
		since := a.TierExpiresAt.AddDate(-1, 0, 0)
		spend, err := s.store.QualifyingSpend(ctx, a.GuestID, since)
		if err != nil {
			return 0, err
		}
		next := tiers.SoftLanding(a.Tier, tiers.Qualify(a.QualifyingNights, spend))
		if err := s.store.UpdateTier(ctx, a.GuestID, next, s.periodEnd()); err != nil {
			return 0, err
		}
		if err := s.store.ResetQualification(ctx, a.GuestID); err != nil {
			return 0, err
		}
		if next != a.Tier {
			if err := s.profiles.SetLoyalty(ctx, a.GuestID, a.Number, next); err != nil {
				return 0, err
			}
			s.log.Info("tier changed", "guest_id", a.GuestID, "from", a.Tier, "to", next)
		}
	}
	return len(due), nil
}

// periodEnd is the end of the current qualification year (31 Jan next year).
func (s *Service) periodEnd() time.Time {
	y := s.clock.Now().Year()
	return time.Date(y+1, time.February, 1, 0, 0, 0, 0, time.UTC)
}

// TierReviewJob adapts ReviewTiers to the worker's job interface.
type TierReviewJob struct{ Svc *Service }

// Name implements the worker job interface.
func (TierReviewJob) Name() string { return "loyalty-tier-review" }

// Run implements the worker job interface.
func (j TierReviewJob) Run(ctx context.Context) error {
	n, err := j.Svc.ReviewTiers(ctx)
	if n > 0 {
		j.Svc.log.Info("tier review finished", "accounts", n)
	}
	return err
}
