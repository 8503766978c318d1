package types

import "fmt"

// Money is an amount in minor units.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// USD is a convenience constructor.
func USD(cents int64) Money { return Money{Amount: cents, Currency: "USD"} }

func (m Money) String() string {
	return fmt.Sprintf("%s %d.%02d", m.Currency, m.Amount/100, m.Amount%100)
}

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.Amount == 0 }

// Percent returns m reduced by pct percent, rounding down.
func (m Money) Percent(pct int) Money {
	return Money{Amount: m.Amount * int64(100-pct) / 100, Currency: m.Currency}
}

// PlanTier is the subscription tier a user is on.
type PlanTier string

const (
	TierFree  PlanTier = "free"
	TierPlus  PlanTier = "plus"
	TierTeams PlanTier = "teams"
)

// Includes reports whether tier t grants content marked for tier other.
func (t PlanTier) Includes(other PlanTier) bool {
	rank := map[PlanTier]int{TierFree: 0, TierPlus: 1, TierTeams: 2}
	if other == "" {
		return false
	}
	return rank[t] >= rank[other]
}
