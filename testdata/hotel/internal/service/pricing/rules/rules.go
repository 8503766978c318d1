// Package rules holds the dynamic pricing rules applied on top of the loaded
// rate grid. Rules are pure functions of a night's context.
package rules

import (
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/money"
)

// Context describes the night being priced.
type Context struct {
	Night     time.Time
	LeadDays  int // days between booking and arrival
	Nights    int // length of stay
	Occupancy float64
	Tier      model.LoyaltyTier
}

// Rule adjusts a nightly price.
type Rule interface {
	Name() string
	Adjust(c Context, price money.Money) (money.Money, bool)
}

// WeekendUplift raises Friday and Saturday nights.
type WeekendUplift struct{ Bps int64 }

func (WeekendUplift) Name() string { return "weekend" }

func (r WeekendUplift) Adjust(c Context, p money.Money) (money.Money, bool) {
	if wd := c.Night.Weekday(); wd == time.Friday || wd == time.Saturday {
		return p.Add(p.Percent(r.Bps)), true
	}
	return p, false
}

// OccupancyUplift raises prices when the hotel is nearly full.
type OccupancyUplift struct {
	Threshold float64
	Bps       int64
}

func (OccupancyUplift) Name() string { return "occupancy" }

func (r OccupancyUplift) Adjust(c Context, p money.Money) (money.Money, bool) {
	if c.Occupancy >= r.Threshold {
		return p.Add(p.Percent(r.Bps)), true
	}
	return p, false
}

// LastMinute discounts nights that are close and still empty.
type LastMinute struct {
	WithinDays   int
	MaxOccupancy float64
	DiscountBps  int64
}

func (LastMinute) Name() string { return "last_minute" }

func (r LastMinute) Adjust(c Context, p money.Money) (money.Money, bool) {
	if c.LeadDays <= r.WithinDays && c.Occupancy < r.MaxOccupancy {
		return p.Sub(p.Percent(r.DiscountBps)), true
	}
	return p, false
}

// LengthOfStay discounts long stays.
type LengthOfStay struct {
	MinNights   int
	DiscountBps int64
}

func (LengthOfStay) Name() string { return "length_of_stay" }

func (r LengthOfStay) Adjust(c Context, p money.Money) (money.Money, bool) {
	if c.Nights >= r.MinNights {
		return p.Sub(p.Percent(r.DiscountBps)), true
	}
	return p, false
}

// MemberDiscount gives Staybright Rewards members a tier-based discount.
type MemberDiscount struct{ ByTier map[model.LoyaltyTier]int64 }

func (MemberDiscount) Name() string { return "member" }

func (r MemberDiscount) Adjust(c Context, p money.Money) (money.Money, bool) {
	if bps, ok := r.ByTier[c.Tier]; ok && bps > 0 {
		return p.Sub(p.Percent(bps)), true
	}
	return p, false
}

// Default is the rule set revenue management signed off for 2024.
func Default() []Rule {
	return []Rule{
		WeekendUplift{Bps: 1200},
		OccupancyUplift{Threshold: 0.85, Bps: 1500},
		LastMinute{WithinDays: 2, MaxOccupancy: 0.5, DiscountBps: 1000},
		LengthOfStay{MinNights: 7, DiscountBps: 800},
		MemberDiscount{ByTier: map[model.LoyaltyTier]int64{
			model.TierBlue: 300, model.TierSilver: 500, model.TierGold: 800, model.TierPlatinum: 1000,
		}},
	}
}

// Apply runs rules in order and returns the final price and the rules that fired.
func Apply(rs []Rule, c Context, price money.Money) (money.Money, []string) {
	var fired []string
	for _, r := range rs {
		var ok bool
		if price, ok = r.Adjust(c, price); ok {
			fired = append(fired, r.Name())
		}
	}
	if price.IsNegative() {
		price = money.Zero(price.Currency)
	}
	return price, fired
}
