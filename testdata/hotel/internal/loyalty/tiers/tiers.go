// Package tiers encodes the Staybright Rewards tier ladder.
package tiers

import "github.com/staybright/platform/internal/model"

// Rule is the qualification threshold and benefits of a tier.
type Rule struct {
	Tier          model.LoyaltyTier
	MinNights     int
	MinSpendCents int64
	EarnBps       int64 // points multiplier in basis points (10000 = 1x)
	Benefits      []string
}

// Ladder is ordered from lowest to highest tier.
var Ladder = []Rule{
	{Tier: model.TierBlue, EarnBps: 10000, Benefits: []string{"member_rate", "free_wifi"}},
	{Tier: model.TierSilver, MinNights: 10, MinSpendCents: 150000, EarnBps: 12500,
		Benefits: []string{"member_rate", "free_wifi", "late_checkout_1pm"}},
	{Tier: model.TierGold, MinNights: 25, MinSpendCents: 400000, EarnBps: 15000,
		Benefits: []string{"member_rate", "free_wifi", "late_checkout_2pm", "room_upgrade", "welcome_drink"}},
	{Tier: model.TierPlatinum, MinNights: 50, MinSpendCents: 1000000, EarnBps: 20000,
		Benefits: []string{"member_rate", "free_wifi", "late_checkout_4pm", "suite_upgrade", "breakfast", "lounge"}},
}

// PointsPerEuro is the base earn rate.
const PointsPerEuro = 10

// Lookup returns the rule for t (Blue if unknown).
func Lookup(t model.LoyaltyTier) Rule {
	for _, r := range Ladder {
		if r.Tier == t {
			return r
		}
	}
	return Ladder[0]
}

// Qualify returns the highest tier reached by either nights or spend.
func Qualify(nights int, spendCents int64) model.LoyaltyTier {
	tier := Ladder[0].Tier
	for _, r := range Ladder[1:] {
		if nights >= r.MinNights || spendCents >= r.MinSpendCents {
			tier = r.Tier
		}
	}
	return tier
}

// Rank orders tiers so we can detect downgrades.
func Rank(t model.LoyaltyTier) int {
	for i, r := range Ladder {
		if r.Tier == t {
			return i
		}
	}
	return 0
}

// SoftLanding limits a downgrade to one tier per review, as the programme terms promise.
func SoftLanding(current, qualified model.LoyaltyTier) model.LoyaltyTier {
	cr, qr := Rank(current), Rank(qualified)
	if qr < cr-1 {
		return Ladder[cr-1].Tier
	}
	return qualified
}

// EarnPoints converts an amount in cents into points for a tier.
func EarnPoints(t model.LoyaltyTier, cents int64) int64 {
	base := cents / 100 * PointsPerEuro
	return base * Lookup(t).EarnBps / 10000
}
