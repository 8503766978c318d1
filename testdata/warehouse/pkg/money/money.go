// Package money represents currency amounts in minor units.
package money

import (
	"fmt"
	"math"
)

type Money struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

func New(cents int64, cur string) Money { return Money{Cents: cents, Currency: cur} }

func Zero(cur string) Money { return Money{Currency: cur} }

func (m Money) Add(o Money) Money {
	if m.Currency == "" {
		m.Currency = o.Currency
	}
	if o.Currency != "" && o.Currency != m.Currency {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", m.Currency, o.Currency))
	}
	return Money{Cents: m.Cents + o.Cents, Currency: m.Currency}
}

// Mul multiplies by a quantity, rounding half away from zero.
func (m Money) Mul(q float64) Money {
	return Money{Cents: int64(math.Round(float64(m.Cents) * q)), Currency: m.Currency}
}

// Pct applies a percentage markup expressed in basis points.
func (m Money) Pct(bps int64) Money {
	return Money{Cents: (m.Cents*bps + 5000) / 10000, Currency: m.Currency}
}

func (m Money) IsZero() bool { return m.Cents == 0 }

func (m Money) String() string {
	sign := ""
	c := m.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, c/100, c%100, m.Currency)
}
