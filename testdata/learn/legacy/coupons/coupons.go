// Package coupons is the coupon engine from the original 2017 PHP port.
// It predates billing/ and still owns the `coupons` table. Do not extend;
// BILL-412 tracks moving this into billing/domain.
package coupons

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"quill.dev/academy/pkg/platform/db"
)

func init() {
	db.Register(db.Migration{Version: 610, Owner: "billing", SQL: `
CREATE TABLE coupons (
	code TEXT PRIMARY KEY,
	percent_off INT NOT NULL,
	max_redemptions INT NOT NULL DEFAULT 0,
	redeemed INT NOT NULL DEFAULT 0,
	course_id TEXT,
	plans_only BOOLEAN NOT NULL DEFAULT false,
	stripe_coupon_id TEXT NOT NULL DEFAULT '',
	expires_at TIMESTAMPTZ
);`})
}

var (
	ErrUnknown   = errors.New("coupon: unknown code")
	ErrExpired   = errors.New("coupon: expired")
	ErrExhausted = errors.New("coupon: fully redeemed")
	ErrNotValid  = errors.New("coupon: not valid for this item")
)

// Coupon is a discount code.
type Coupon struct {
	Code           string
	PercentOff     int
	MaxRedemptions int
	Redeemed       int
	CourseID       string
	PlansOnly      bool
	StripeCouponID string
	ExpiresAt      *time.Time
}

// hardcoded launch codes that were never migrated into the table.
var launchCodes = map[string]int{"QUILL2017": 30, "EARLYBIRD": 20}

// Normalize upper-cases and trims a code the way the PHP app did.
func Normalize(code string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(code), " ", ""))
}

// Lookup finds a coupon by code.
func Lookup(ctx context.Context, q db.Querier, code string) (*Coupon, error) {
	code = Normalize(code)
	if pct, ok := launchCodes[code]; ok {
		return &Coupon{Code: code, PercentOff: pct}, nil
	}
	c := &Coupon{}
	var course sql.NullString
	var exp sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT code, percent_off, max_redemptions, redeemed, course_id, plans_only, stripe_coupon_id, expires_at
		FROM coupons WHERE code = $1`, code).Scan(&c.Code, &c.PercentOff, &c.MaxRedemptions, &c.Redeemed, &course, &c.PlansOnly, &c.StripeCouponID, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUnknown
	}
	if err != nil {
		return nil, err
	}
	c.CourseID = course.String
	c.ExpiresAt = db.TimePtr(exp)
	return c, nil
}

// Check validates the coupon for an item at now. courseID is "" for plans.
func (c *Coupon) Check(courseID string, now time.Time) error {
	if c.ExpiresAt != nil && now.After(*c.ExpiresAt) {
		return ErrExpired
	}
	if c.MaxRedemptions > 0 && c.Redeemed >= c.MaxRedemptions {
		return ErrExhausted
	}
	if c.PlansOnly && courseID != "" {
		return ErrNotValid
	}
	if c.CourseID != "" && c.CourseID != courseID {
		return ErrNotValid
	}
	return nil
}

// Apply returns the discounted amount in cents.
func (c *Coupon) Apply(cents int64) int64 {
	if c.PercentOff <= 0 {
		return cents
	}
	if c.PercentOff >= 100 {
		return 0
	}
	return cents * int64(100-c.PercentOff) / 100
}

// Redeem increments the redemption counter.
func Redeem(ctx context.Context, q db.Querier, code string) error {
	code = Normalize(code)
	if _, ok := launchCodes[code]; ok {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE coupons SET redeemed = redeemed + 1 WHERE code = $1`, code)
	return err
}
