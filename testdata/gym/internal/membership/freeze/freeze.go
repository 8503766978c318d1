// Package freeze lets members pause their membership (injury, travel, pregnancy).
package freeze

import (
	"context"
	"database/sql"
	"time"

	"github.com/pulsefit/clubs/internal/billing/directdebit"
	"github.com/pulsefit/clubs/internal/membership/domain"
	"github.com/pulsefit/clubs/internal/membership/store"
	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/db"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/events"
	"github.com/pulsefit/clubs/pkg/money"
)

// MonthlyFreezeFee is charged while frozen, except for medical freezes.
var MonthlyFreezeFee = money.GBP(500)

type Request struct {
	MemberID string    `json:"member_id"`
	From     time.Time `json:"from"`
	Months   int       `json:"months"`
	Reason   string    `json:"reason"` // medical, travel, other
}

type Service struct {
	db       *sql.DB
	store    *store.Store
	mandates *directdebit.Mandates
	bus      *events.Bus
}

func New(conn *sql.DB, st *store.Store, md *directdebit.Mandates, bus *events.Bus) *Service {
	return &Service{db: conn, store: st, mandates: md, bus: bus}
}

func (s *Service) usedThisYear(ctx context.Context, memberID string, year int) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(sum(months),0) FROM membership_freezes
		WHERE member_id = $1 AND extract(year FROM starts_on) = $2`, memberID, year).Scan(&n)
	return n, err
}

// Freeze validates and applies a freeze.
func (s *Service) Freeze(ctx context.Context, r Request) error {
	if r.Months < 1 {
		return errs.Invalid("freeze must be at least one month")
	}
	ms, err := s.store.CurrentMembership(ctx, r.MemberID)
	if err != nil {
		return err
	}
	if !domain.CanTransition(ms.Status, models.MemberFrozen) {
		return errs.Conflict("cannot freeze a %s membership", ms.Status)
	}
	used, err := s.usedThisYear(ctx, r.MemberID, r.From.Year())
	if err != nil {
		return err
	}
	if r.Reason != "medical" && used+r.Months > domain.MaxFreezeMonthsPY {
		return errs.Invalid("only %d freeze months allowed per year (%d used)", domain.MaxFreezeMonthsPY, used)
	}
	until := r.From.AddDate(0, r.Months, 0)
	err = db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO membership_freezes (member_id, membership_id, starts_on, ends_on, months, reason)
			VALUES ($1,$2,$3,$4,$5,$6)`, r.MemberID, ms.ID, r.From, until, r.Months, r.Reason); err != nil {
			return err
		}
		if err := s.store.SetMembershipStatus(ctx, tx, ms.ID, models.MemberFrozen, nil); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE memberships SET renews_on = renews_on + make_interval(months => $2) WHERE id = $1`, ms.ID, r.Months)
		return err
	})
	if err != nil {
		return err
	}
	// Stop the debit directly; the billing team never shipped a "freeze" API.
	if r.Reason == "medical" {
		if err := s.mandates.Pause(ctx, r.MemberID, until); err != nil && !errs.Is(err, errs.KindNotFound) {
			return err
		}
	}
	return s.bus.Publish(ctx, events.MembershipFrozen, r.MemberID, map[string]any{"member_id": r.MemberID, "until": until})
}

// Unfreeze ends freezes whose period is over (worker job).
func (s *Service) Unfreeze(ctx context.Context, today time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		UPDATE memberships ms SET status = 'active'
		FROM membership_freezes f
		WHERE f.membership_id = ms.id AND ms.status = 'frozen' AND f.ends_on <= $1
		  AND NOT EXISTS (SELECT 1 FROM membership_freezes f2 WHERE f2.membership_id = ms.id AND f2.ends_on > $1)`, today)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
