// Package money represents monetary amounts in minor units.
package money

import (
	"fmt"
	"math"
)

type Money struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

func New(cents int64, currency string) Money { return Money{Cents: cents, Currency: currency} }

func Zero(currency string) Money { return Money{Currency: currency} }

func (m Money) Add(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents + o.Cents, Currency: m.Currency}
}

func (m Money) Sub(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents - o.Cents, Currency: m.Currency}
}

func (m Money) Mul(n int64) Money { return Money{Cents: m.Cents * n, Currency: m.Currency} }

// Percent returns p percent of m, rounded half away from zero.
func (m Money) Percent(p float64) Money {
	return Money{Cents: int64(math.Round(float64(m.Cents) * p / 100)), Currency: m.Currency}
}

// MulRat multiplies by num/den with banker-free rounding (half up).
func (m Money) MulRat(num, den int64) Money {
	if den == 0 {
		return Money{Currency: m.Currency}
	}
	return Money{Cents: int64(math.Round(float64(m.Cents*num) / float64(den))), Currency: m.Currency}
}

func (m Money) IsZero() bool     { return m.Cents == 0 }
func (m Money) IsNegative() bool { return m.Cents < 0 }
func (m Money) LessThan(o Money) bool {
	m.mustMatch(o)
	return m.Cents < o.Cents
}

func (m Money) mustMatch(o Money) {
	if m.Currency != o.Currency && m.Currency != "" && o.Currency != "" {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", m.Currency, o.Currency))
	}
}
