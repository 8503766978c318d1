// Package money is integer minor units plus an ISO currency. No floats in
// storage, ever (see the 2021 rounding incident).
package money

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in minor units (cents).
type Money struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

// ErrCurrencyMismatch is returned when mixing currencies.
var ErrCurrencyMismatch = errors.New("money: currency mismatch")

// New builds an amount.
func New(cents int64, currency string) Money {
	return Money{Cents: cents, Currency: strings.ToUpper(currency)}
}

// Zero in the given currency.
func Zero(currency string) Money { return New(0, currency) }

// Parse reads "12.34" or "12,34" into 1234 cents.
func Parse(s, currency string) (Money, error) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
	if err != nil {
		return Money{}, fmt.Errorf("money: parse %q: %w", s, err)
	}
	return New(int64(math.RoundToEven(f*100)), currency), nil
}

// Add returns m+o.
func (m Money) Add(o Money) (Money, error) {
	if m.Currency != o.Currency && m.Cents != 0 && o.Cents != 0 {
		return Money{}, ErrCurrencyMismatch
	}
	cur := m.Currency
	if cur == "" {
		cur = o.Currency
	}
	return Money{Cents: m.Cents + o.Cents, Currency: cur}, nil
}

// MustAdd panics on mismatch; only for amounts built in the same function.
func (m Money) MustAdd(o Money) Money {
	r, err := m.Add(o)
	if err != nil {
		panic(err)
	}
	return r
}

// Mul multiplies by a factor, rounding half to even.
func (m Money) Mul(f float64) Money {
	return Money{Cents: int64(math.RoundToEven(float64(m.Cents) * f)), Currency: m.Currency}
}

// Percent returns p percent of m.
func (m Money) Percent(p float64) Money { return m.Mul(p / 100) }

// IsZero reports a zero amount.
func (m Money) IsZero() bool { return m.Cents == 0 }

func (m Money) String() string {
	sign, c := "", m.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, c/100, c%100, m.Currency)
}
