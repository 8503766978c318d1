// Package money represents currency amounts as integer minor units.
package money

import (
	"fmt"
	"math"
)

// Money is an amount in minor units (cents) of a currency.
type Money struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

// USD builds a USD amount from cents.
func USD(cents int64) Money { return Money{Cents: cents, Currency: "USD"} }

// New builds an amount.
func New(cents int64, currency string) Money { return Money{Cents: cents, Currency: currency} }

// Zero returns a zero amount in currency.
func Zero(currency string) Money { return Money{Currency: currency} }

// IsZero reports whether m is zero.
func (m Money) IsZero() bool { return m.Cents == 0 }

// Add returns m+o. It panics on currency mismatch, which is a programming error.
func (m Money) Add(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents + o.Cents, Currency: m.cur(o)}
}

// Sub returns m-o.
func (m Money) Sub(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents - o.Cents, Currency: m.cur(o)}
}

// Mul multiplies by a factor, rounding half away from zero.
func (m Money) Mul(f float64) Money {
	return Money{Cents: int64(math.Round(float64(m.Cents) * f)), Currency: m.Currency}
}

// Percent returns pct percent of m.
func (m Money) Percent(pct float64) Money { return m.Mul(pct / 100) }

// Neg returns -m.
func (m Money) Neg() Money { return Money{Cents: -m.Cents, Currency: m.Currency} }

// Max returns the larger of m and o.
func (m Money) Max(o Money) Money {
	if o.Cents > m.Cents {
		return o
	}
	return m
}

// Min returns the smaller of m and o.
func (m Money) Min(o Money) Money {
	if o.Cents < m.Cents {
		return o
	}
	return m
}

// String formats as "USD 1234.56".
func (m Money) String() string {
	sign := ""
	c := m.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s %s%d.%02d", m.Currency, sign, c/100, c%100)
}

func (m Money) cur(o Money) string {
	if m.Currency == "" {
		return o.Currency
	}
	return m.Currency
}

func (m Money) mustMatch(o Money) {
	if m.Currency != "" && o.Currency != "" && m.Currency != o.Currency {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", m.Currency, o.Currency))
	}
}
