// Package pricing computes the price a visitor sees on a course page:
// regional (purchasing-power) pricing, and coupon previews from ?coupon=.
package pricing

import (
	"context"
	"strings"
	"time"

	"quill.dev/academy/legacy/coupons"
	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/db"
)

// regional multipliers in percent, reviewed quarterly by the growth team.
var regional = map[string]int{
	"IN": 35, "BR": 50, "MX": 55, "ID": 40, "NG": 35, "PH": 40, "TR": 45,
	"PL": 70, "ES": 85, "PT": 80,
}

// Quote is the price shown for a course.
type Quote struct {
	List       types.Money `json:"list"`
	Regional   types.Money `json:"regional"`
	Final      types.Money `json:"final"`
	Country    string      `json:"country,omitempty"`
	CouponCode string      `json:"coupon_code,omitempty"`
	CouponNote string      `json:"coupon_note,omitempty"`
	Included   bool        `json:"included_in_plan"`
}

// Calculator produces quotes.
type Calculator struct {
	// DB is used only to preview coupons (shared legacy coupons table).
	DB db.Querier
}

// RegionalPrice applies the country multiplier, rounding to .99.
func RegionalPrice(list types.Money, country string) types.Money {
	pct, ok := regional[strings.ToUpper(country)]
	if !ok || list.IsZero() {
		return list
	}
	cents := list.Amount * int64(pct) / 100
	if cents > 100 {
		cents = (cents/100)*100 + 99
	}
	return types.Money{Amount: cents, Currency: list.Currency}
}

// Quote prices a course for a visitor.
func (c *Calculator) Quote(ctx context.Context, course types.CourseSummary, country, coupon string, tier types.PlanTier, now time.Time) Quote {
	q := Quote{List: course.Price, Country: country}
	q.Regional = RegionalPrice(course.Price, country)
	q.Final = q.Regional
	if course.IncludedIn != "" && tier.Includes(course.IncludedIn) {
		q.Included = true
		q.Final = types.Money{Currency: course.Price.Currency}
		return q
	}
	if coupon == "" || c.DB == nil {
		return q
	}
	cp, err := coupons.Lookup(ctx, c.DB, coupon)
	if err != nil {
		q.CouponNote = "unknown coupon"
		return q
	}
	if err := cp.Check(string(course.ID), now); err != nil {
		q.CouponNote = strings.TrimPrefix(err.Error(), "coupon: ")
		return q
	}
	q.CouponCode = cp.Code
	q.Final = types.Money{Amount: cp.Apply(q.Regional.Amount), Currency: q.Regional.Currency}
	return q
}
