// Package promotions handles promo codes and the rider referral programme.
package promotions

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/zipcab/backend/modules/wallet"
	"github.com/zipcab/backend/pkg/db"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/events"
	"github.com/zipcab/backend/pkg/money"
)

// Kind of discount.
type Kind string

const (
	KindPercent Kind = "percent"
	KindFlat    Kind = "flat"
)

// Promo is a row of promo_codes.
type Promo struct {
	Code          string    `json:"code"`
	Kind          Kind      `json:"kind"`
	Value         int64     `json:"value"` // percent, or minor units for flat
	MaxDiscount   int64     `json:"max_discount"`
	MinFare       int64     `json:"min_fare"`
	Currency      string    `json:"currency"`
	ValidFrom     time.Time `json:"valid_from"`
	ValidTo       time.Time `json:"valid_to"`
	MaxUses       int       `json:"max_uses"`
	PerRider      int       `json:"per_rider"`
	FirstTripOnly bool      `json:"first_trip_only"`
	AppliesToFood bool      `json:"applies_to_food"`
}

// Referral rewards, in minor units of the market currency.
const (
	ReferrerReward = 1000
	RefereeReward  = 500
)

// Service validates and redeems promotions.
type Service struct {
	conn     *sql.DB
	wallet   *wallet.Service
	pub      events.Publisher
	currency string
}

// New returns a promotions service.
func New(conn *sql.DB, w *wallet.Service, pub events.Publisher, currency string) *Service {
	return &Service{conn: conn, wallet: w, pub: pub, currency: currency}
}

// Discount returns the discount that code gives riderID on fare. It does not redeem.
func (s *Service) Discount(ctx context.Context, riderID int64, code string, fare money.Money, food bool) (money.Money, error) {
	p, err := s.load(ctx, code)
	if err != nil {
		return money.Money{}, err
	}
	now := time.Now()
	switch {
	case now.Before(p.ValidFrom) || now.After(p.ValidTo):
		return money.Money{}, errs.Invalid("promo.discount", "promo code has expired")
	case food && !p.AppliesToFood:
		return money.Money{}, errs.Invalid("promo.discount", "promo code is not valid for food orders")
	case fare.Amount < p.MinFare:
		return money.Money{}, errs.Invalid("promo.discount", fmt.Sprintf("minimum fare is %s", money.New(p.MinFare, p.Currency)))
	}
	var used, usedByRider int
	if err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT COUNT(*), COUNT(*) FILTER (WHERE rider_id = $2) FROM promo_redemptions WHERE code = $1`, p.Code, riderID).
		Scan(&used, &usedByRider); err != nil {
		return money.Money{}, errs.Wrap("promo.discount", err)
	}
	if (p.MaxUses > 0 && used >= p.MaxUses) || (p.PerRider > 0 && usedByRider >= p.PerRider) {
		return money.Money{}, errs.Invalid("promo.discount", "promo code already used")
	}
	if p.FirstTripOnly {
		// Quick check against the trips table; the trips team has no "count completed" endpoint yet.
		var completed int
		if err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
			`SELECT COUNT(*) FROM trips WHERE rider_id = $1 AND status = 'completed'`, riderID).Scan(&completed); err != nil {
			return money.Money{}, errs.Wrap("promo.discount", err)
		}
		if completed > 0 {
			return money.Money{}, errs.Invalid("promo.discount", "promo code is for your first ride only")
		}
	}
	var d money.Money
	if p.Kind == KindPercent {
		d = fare.Percent(float64(p.Value))
	} else {
		d = money.New(p.Value, fare.Currency)
	}
	if p.MaxDiscount > 0 {
		d = money.Min(d, money.New(p.MaxDiscount, fare.Currency))
	}
	return money.Min(d, fare), nil
}

// Redeem records that code was used on a trip or order.
func (s *Service) Redeem(ctx context.Context, riderID int64, code, ref string, amount money.Money) error {
	_, err := db.Conn(ctx, s.conn).ExecContext(ctx,
		`INSERT INTO promo_redemptions (code, rider_id, ref, amount, currency, redeemed_at)
		 VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (code, ref) DO NOTHING`,
		strings.ToUpper(code), riderID, ref, amount.Amount, amount.Currency)
	return errs.Wrap("promo.redeem", err)
}

func (s *Service) load(ctx context.Context, code string) (Promo, error) {
	var p Promo
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`SELECT code, kind, value, max_discount, min_fare, currency, valid_from, valid_to, max_uses, per_rider,
		   first_trip_only, applies_to_food FROM promo_codes WHERE code = $1 AND active`, strings.ToUpper(code)).
		Scan(&p.Code, &p.Kind, &p.Value, &p.MaxDiscount, &p.MinFare, &p.Currency, &p.ValidFrom, &p.ValidTo,
			&p.MaxUses, &p.PerRider, &p.FirstTripOnly, &p.AppliesToFood)
	if db.IsNoRows(err) {
		return p, errs.NotFound("promo.load", "promo code")
	}
	return p, errs.Wrap("promo.load", err)
}

// RecordReferral links a new rider to the rider who referred them.
func (s *Service) RecordReferral(ctx context.Context, referrerID, refereeID int64) error {
	if referrerID == refereeID {
		return errs.Invalid("promo.referral", "cannot refer yourself")
	}
	_, err := db.Conn(ctx, s.conn).ExecContext(ctx,
		`INSERT INTO referrals (referrer_id, referee_id, status, created_at) VALUES ($1, $2, 'pending', now())
		 ON CONFLICT (referee_id) DO NOTHING`, referrerID, refereeID)
	return errs.Wrap("promo.referral", err)
}

// RewardReferral credits both parties when the referee completes their first trip.
func (s *Service) RewardReferral(ctx context.Context, refereeID, tripID int64) (bool, error) {
	var referrerID int64
	err := db.Conn(ctx, s.conn).QueryRowContext(ctx,
		`UPDATE referrals SET status = 'rewarded', rewarded_at = now(), trip_id = $2
		 WHERE referee_id = $1 AND status = 'pending' RETURNING referrer_id`, refereeID, tripID).Scan(&referrerID)
	if db.IsNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap("promo.reward_referral", err)
	}
	ref := fmt.Sprintf("referral-%d", refereeID)
	if err := s.wallet.Credit(ctx, referrerID, money.New(ReferrerReward, s.currency), wallet.ReasonReferral, ref+"-referrer"); err != nil {
		return false, err
	}
	if err := s.wallet.Credit(ctx, refereeID, money.New(RefereeReward, s.currency), wallet.ReasonReferral, ref+"-referee"); err != nil {
		return false, err
	}
	return true, s.pub.Publish(ctx, events.ReferralReward, ref, map[string]int64{
		"referrer_id": referrerID, "referee_id": refereeID, "amount": ReferrerReward,
	})
}
