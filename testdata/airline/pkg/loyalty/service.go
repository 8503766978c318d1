// Package loyalty runs the SkyHop Miles frequent-flyer programme.
package loyalty

import (
	"context"
	"database/sql"
	"fmt"

	"skyhop.aero/backend/pkg/core"
	"skyhop.aero/backend/pkg/loyalty/adapters/postgres"
	"skyhop.aero/backend/pkg/loyalty/domain"
	"skyhop.aero/backend/pkg/models"
	"skyhop.aero/backend/pkg/notify"
	"skyhop.aero/backend/pkg/platform/db"
	"skyhop.aero/backend/pkg/platform/errs"
	"skyhop.aero/backend/pkg/platform/ids"
)

type Service struct {
	DB     *sql.DB
	Store  *postgres.Store
	Notify *notify.Service
}

func New(d *sql.DB, n *notify.Service) *Service {
	return &Service{DB: d, Store: postgres.New(d), Notify: n}
}

// Enroll creates a member with a fresh 9-digit number.
func (s *Service) Enroll(ctx context.Context, first, last, email string) (models.MemberSummary, error) {
	if email == "" {
		return models.MemberSummary{}, errs.Invalid("loyalty.enroll", "email is required")
	}
	m := domain.Member{Number: "SH" + ids.Code(8), FirstName: core.NormalizeName(first),
		LastName: core.NormalizeName(last), Email: email, Tier: domain.Blue}
	if err := s.Store.Insert(ctx, m); err != nil {
		return models.MemberSummary{}, err
	}
	return summary(m), nil
}

func (s *Service) Summary(ctx context.Context, number string) (models.MemberSummary, error) {
	m, err := s.Store.Get(ctx, number, false)
	if err != nil {
		return models.MemberSummary{}, err
	}
	return summary(m), nil
}

func (s *Service) Transactions(ctx context.Context, number string) ([]postgres.Transaction, error) {
	return s.Store.Transactions(ctx, number, 100)
}

// CreditFlight credits a flown sector. ref must be unique per sector
// (ticket number + coupon) so that reprocessing credits nothing twice.
func (s *Service) CreditFlight(ctx context.Context, number, ref string, distance int, class string) (bool, error) {
	credited := false
	err := db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		m, err := s.Store.Get(ctx, number, true)
		if err != nil {
			return err
		}
		miles, tierMiles := domain.Earn(distance, class, m.Tier)
		ok, err := s.Store.AddTransaction(ctx, number, "FLIGHT", ref, miles, tierMiles)
		if err != nil || !ok {
			return err
		}
		m.Miles += miles
		m.TierMiles += tierMiles
		oldTier := m.Tier
		if t := domain.TierFor(m.TierMiles); t != m.Tier && t != domain.Blue {
			m.Tier = t
		}
		if err := s.Store.SaveBalances(ctx, m); err != nil {
			return err
		}
		credited = true
		if m.Tier != oldTier {
			return s.Notify.Queue(ctx, models.Message{Channel: "email", To: m.Email, Template: "tier_changed",
				Data: map[string]string{"name": m.FirstName, "tier": string(m.Tier)}})
		}
		return nil
	})
	return credited, err
}

// Redeem debits miles for an award booking.
func (s *Service) Redeem(ctx context.Context, number string, miles int64, ref string) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, _ *sql.Tx) error {
		m, err := s.Store.Get(ctx, number, true)
		if err != nil {
			return err
		}
		if err := m.Redeem(miles); err != nil {
			return err
		}
		ok, err := s.Store.AddTransaction(ctx, number, "AWARD", ref, -miles, 0)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Conflict("loyalty.redeem", "award %s already redeemed", ref)
		}
		return s.Store.SaveBalances(ctx, m)
	})
}

func summary(m domain.Member) models.MemberSummary {
	return models.MemberSummary{Number: m.Number, Name: fmt.Sprintf("%s %s", m.FirstName, m.LastName),
		Tier: string(m.Tier), Miles: m.Miles, TierMiles: m.TierMiles}
}
