// Package points runs the rewards program: members are keyed by phone,
// earn points on closed checks and redeem them for check credit.
package points

import (
	"context"
	"database/sql"

	"tablecraft.io/ops/db"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/events"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/util"
)

// Program constants.
const (
	PointsPerReward = 100
	RewardValue     = money.Cents(500)
)

var tiers = []struct {
	name       string
	lifetime   int
	multiplier int // percent
}{{"gold", 2000, 150}, {"silver", 500, 125}, {"member", 0, 100}}

// Service is the loyalty program.
type Service struct{ db *sql.DB }

// New returns a Service.
func New(conn *sql.DB) *Service { return &Service{db: conn} }

// Account returns the member for phone.
func (s *Service) Account(ctx context.Context, phone string) (*models.LoyaltyAccount, error) {
	var a models.LoyaltyAccount
	err := s.db.QueryRowContext(ctx,
		`SELECT id, phone, name, points, tier, created_at FROM loyalty_accounts WHERE phone = $1`, util.NormalizePhone(phone)).
		Scan(&a.ID, &a.Phone, &a.Name, &a.Points, &a.Tier, &a.CreatedAt)
	if db.IsNoRows(err) {
		return nil, errs.NotFound("no rewards member for that phone")
	}
	return &a, err
}

// Enroll creates a member (idempotent on phone).
func (s *Service) Enroll(ctx context.Context, phone, name string) (*models.LoyaltyAccount, error) {
	phone = util.NormalizePhone(phone)
	if len(phone) < 11 {
		return nil, errs.Invalid("bad phone")
	}
	if _, err := s.db.ExecContext(ctx,
		`INSERT INTO loyalty_accounts (phone, name, points, lifetime_points, tier, created_at)
		 VALUES ($1, $2, 0, 0, 'member', now()) ON CONFLICT (phone) DO NOTHING`, phone, name); err != nil {
		return nil, err
	}
	return s.Account(ctx, phone)
}

// OnOrderClosed accrues points for a member attached to the check.
func (s *Service) OnOrderClosed(ctx context.Context, e events.Event) error {
	var ev models.OrderClosedEvent
	if err := events.Decode(e, &ev); err != nil {
		return err
	}
	if ev.LoyaltyPhone == "" || ev.Total <= 0 {
		return nil
	}
	a, err := s.Enroll(ctx, ev.LoyaltyPhone, "")
	if err != nil {
		return err
	}
	mult := 100
	for _, t := range tiers {
		if t.name == a.Tier {
			mult = t.multiplier
		}
	}
	earned := int(ev.Total/100) * mult / 100
	return s.post(ctx, a.ID, earned, "order", ev.OrderID)
}

// Redeem converts points into check credit in whole rewards.
func (s *Service) Redeem(ctx context.Context, phone string, rewards int, orderID int64) (money.Cents, error) {
	a, err := s.Account(ctx, phone)
	if err != nil {
		return 0, err
	}
	need := rewards * PointsPerReward
	if rewards <= 0 || a.Points < need {
		return 0, errs.Conflict("member has %d points, needs %d", a.Points, need)
	}
	if err := s.post(ctx, a.ID, -need, "redeem", orderID); err != nil {
		return 0, err
	}
	return RewardValue.Mul(rewards), nil
}

func (s *Service) post(ctx context.Context, accountID int64, delta int, reason string, orderID int64) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO loyalty_ledger (account_id, delta, reason, order_id, created_at) VALUES ($1, $2, $3, $4, now())`,
			accountID, delta, reason, db.NullInt64(orderID)); err != nil {
			return err
		}
		var lifetime int
		if err := tx.QueryRowContext(ctx,
			`UPDATE loyalty_accounts SET points = points + $2, lifetime_points = lifetime_points + GREATEST($2, 0)
			 WHERE id = $1 RETURNING lifetime_points`, accountID, delta).Scan(&lifetime); err != nil {
			return err
		}
		for _, t := range tiers {
			if lifetime >= t.lifetime {
				_, err := tx.ExecContext(ctx, `UPDATE loyalty_accounts SET tier = $2 WHERE id = $1`, accountID, t.name)
				return err
			}
		}
		return nil
	})
}
