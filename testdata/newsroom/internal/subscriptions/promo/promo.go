// Package promo validates and redeems promotional codes.
package promo

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/dailyherald/newsroom/pkg/clock"
	"github.com/dailyherald/newsroom/pkg/db"
	"github.com/dailyherald/newsroom/pkg/errs"
	"github.com/dailyherald/newsroom/pkg/money"
)

type Promo struct {
	Code               string    `json:"code"`
	PercentOff         int       `json:"percent_off"`
	AmountOffCents     int64     `json:"amount_off_cents"`
	DurationPeriods    int       `json:"duration_periods"`
	ValidFrom          time.Time `json:"valid_from"`
	ValidUntil         time.Time `json:"valid_until"`
	MaxRedemptions     int       `json:"max_redemptions"`
	NewSubscribersOnly bool      `json:"new_subscribers_only"`
	PlanIDs            []string  `json:"plan_ids"`
}

// Discount returns the amount taken off price for one billing period.
func (p *Promo) Discount(price money.Money) money.Money {
	var d money.Money
	if p.PercentOff > 0 {
		d = price.Percent(float64(p.PercentOff))
	} else {
		d = money.New(p.AmountOffCents, price.Currency)
	}
	if price.LessThan(d) {
		return price
	}
	return d
}

type Service struct {
	DB    *sql.DB
	Clock clock.Clock
}

func (s *Service) load(ctx context.Context, code string) (*Promo, int, error) {
	var p Promo
	var plans string
	var used int
	err := s.DB.QueryRowContext(ctx, `
		SELECT pc.code, pc.percent_off, pc.amount_off_cents, pc.duration_periods, pc.valid_from, pc.valid_until,
		       pc.max_redemptions, pc.new_subscribers_only, coalesce(pc.plan_ids, ''),
		       (SELECT count(*) FROM promo_redemptions pr WHERE pr.code = pc.code)
		FROM promo_codes pc WHERE pc.code = $1 AND pc.archived = false`, strings.ToUpper(code)).
		Scan(&p.Code, &p.PercentOff, &p.AmountOffCents, &p.DurationPeriods, &p.ValidFrom, &p.ValidUntil,
			&p.MaxRedemptions, &p.NewSubscribersOnly, &plans, &used)
	if db.IsNoRows(err) {
		return nil, 0, errs.NotFoundf("promo code not recognised")
	}
	if plans != "" {
		p.PlanIDs = strings.Split(plans, ",")
	}
	return &p, used, err
}

// Validate checks a code is usable by the reader for the plan.
func (s *Service) Validate(ctx context.Context, code, planID, readerID string) (*Promo, error) {
	p, used, err := s.load(ctx, code)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	if now.Before(p.ValidFrom) || now.After(p.ValidUntil) {
		return nil, errs.Invalidf("promo code %s has expired", p.Code)
	}
	if p.MaxRedemptions > 0 && used >= p.MaxRedemptions {
		return nil, errs.Invalidf("promo code %s is fully redeemed", p.Code)
	}
	if len(p.PlanIDs) > 0 {
		ok := false
		for _, id := range p.PlanIDs {
			ok = ok || id == planID
		}
		if !ok {
			return nil, errs.Invalidf("promo code %s does not apply to this plan", p.Code)
		}
	}
	var prior int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM promo_redemptions WHERE code = $1 AND reader_id = $2`, p.Code, readerID).Scan(&prior); err != nil {
		return nil, err
	}
	if prior > 0 {
		return nil, errs.Conflictf("you have already used %s", p.Code)
	}
	if p.NewSubscribersOnly {
		var had bool
		if err := s.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM subscriptions WHERE reader_id = $1)`, readerID).Scan(&had); err != nil {
			return nil, err
		}
		if had {
			return nil, errs.Invalidf("promo code %s is for new subscribers only", p.Code)
		}
	}
	return p, nil
}

func (s *Service) Redeem(ctx context.Context, q db.Querier, p *Promo, readerID, subscriptionID string) error {
	_, err := q.ExecContext(ctx, `
		INSERT INTO promo_redemptions (code, reader_id, subscription_id, periods_remaining, redeemed_at)
		VALUES ($1, $2, $3, $4, now())`, p.Code, readerID, subscriptionID, p.DurationPeriods)
	return err
}

// NextPeriodDiscount consumes one period of an active redemption, if any.
func (s *Service) NextPeriodDiscount(ctx context.Context, subscriptionID string, price money.Money) (money.Money, error) {
	var code string
	err := s.DB.QueryRowContext(ctx, `
		UPDATE promo_redemptions SET periods_remaining = periods_remaining - 1
		WHERE subscription_id = $1 AND periods_remaining > 0
		RETURNING code`, subscriptionID).Scan(&code)
	if db.IsNoRows(err) {
		return money.Zero(price.Currency), nil
	}
	if err != nil {
		return money.Money{}, err
	}
	p, _, err := s.load(ctx, code)
	if err != nil {
		return money.Zero(price.Currency), nil
	}
	return p.Discount(price), nil
}
