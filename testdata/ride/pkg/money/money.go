// Package money represents currency amounts as integer minor units.
package money

import (
	"fmt"
	"math"
)

// Money is an amount in minor units (cents) with an ISO currency code.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// New returns an amount of minor units.
func New(minor int64, currency string) Money { return Money{Amount: minor, Currency: currency} }

// Zero returns a zero amount.
func Zero(currency string) Money { return Money{Currency: currency} }

// Add adds two amounts; currencies must match.
func (m Money) Add(o Money) Money {
	m.mustMatch(o)
	return Money{Amount: m.Amount + o.Amount, Currency: m.Currency}
}

// Sub subtracts o from m.
func (m Money) Sub(o Money) Money {
	m.mustMatch(o)
	return Money{Amount: m.Amount - o.Amount, Currency: m.Currency}
}

// MulFloat multiplies by a factor using banker-free half-up rounding.
func (m Money) MulFloat(f float64) Money {
	return Money{Amount: int64(math.Round(float64(m.Amount) * f)), Currency: m.Currency}
}

// Percent returns pct percent of m (pct may be fractional, e.g. 12.5).
func (m Money) Percent(pct float64) Money { return m.MulFloat(pct / 100) }

// Max returns the larger amount.
func Max(a, b Money) Money {
	if a.Amount >= b.Amount {
		return a
	}
	return b
}

// Min returns the smaller amount.
func Min(a, b Money) Money {
	if a.Amount <= b.Amount {
		return a
	}
	return b
}

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.Amount == 0 }

func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, a/100, a%100, m.Currency)
}

func (m Money) mustMatch(o Money) {
	if m.Currency != o.Currency && m.Currency != "" && o.Currency != "" {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", m.Currency, o.Currency))
	}
}
