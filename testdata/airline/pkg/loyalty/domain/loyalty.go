// Package domain holds the SkyHop Miles programme rules.
package domain

import (
	"math"
	"time"

	"skyhop.aero/backend/pkg/platform/errs"
)

type Tier string

const (
	Blue   Tier = "BLUE"
	Silver Tier = "SILVER"
	Gold   Tier = "GOLD"
)

// TierThresholds are tier miles needed in a qualification year.
var TierThresholds = []struct {
	Tier  Tier
	Miles int64
}{{Gold, 40000}, {Silver, 20000}, {Blue, 0}}

type Member struct {
	Number    string
	FirstName string
	LastName  string
	Email     string
	Tier      Tier
	Miles     int64 // redeemable balance
	TierMiles int64 // current qualification year
	JoinedAt  time.Time
}

// TierFor returns the tier earned by a tier-mile total.
func TierFor(tierMiles int64) Tier {
	for _, t := range TierThresholds {
		if tierMiles >= t.Miles {
			return t.Tier
		}
	}
	return Blue
}

// classMultiplier is the earning rate per booking class.
var classMultiplier = map[string]float64{
	"J": 2.0, "C": 1.75, "D": 1.5,
	"Y": 1.25, "B": 1.0, "M": 1.0, "H": 0.75, "K": 0.75, "L": 0.5, "Q": 0.5, "T": 0.25, "O": 0.25,
}

var tierBonus = map[Tier]float64{Blue: 0, Silver: 0.25, Gold: 0.5}

// MinimumCredit guarantees short sectors still earn something.
const MinimumCredit = 250

// Earn computes redeemable and tier miles for a flown sector.
func Earn(distanceMiles int, class string, tier Tier) (miles, tierMiles int64) {
	d := distanceMiles
	if d < MinimumCredit {
		d = MinimumCredit
	}
	base := float64(d) * classMultiplier[class]
	tierMiles = int64(math.Round(base))
	miles = int64(math.Round(base * (1 + tierBonus[tier])))
	return
}

// Redeem debits miles for an award.
func (m *Member) Redeem(miles int64) error {
	if miles <= 0 {
		return errs.Invalid("loyalty.redeem", "miles must be positive")
	}
	if m.Miles < miles {
		return errs.Conflict("loyalty.redeem", "balance %d below %d", m.Miles, miles)
	}
	m.Miles -= miles
	return nil
}

// GreatCircleMiles is the distance between two coordinates in statute miles.
func GreatCircleMiles(lat1, lon1, lat2, lon2 float64) int {
	const r = 3958.8
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return int(math.Round(2 * r * math.Asin(math.Sqrt(a))))
}
