// Package money represents amounts in minor units with an ISO currency.
package money

import (
	"errors"
	"fmt"
)

// ErrCurrencyMismatch is returned when combining different currencies.
var ErrCurrencyMismatch = errors.New("money: currency mismatch")

// Money is an amount in minor units (cents).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// New builds a Money value.
func New(minor int64, currency string) Money { return Money{Amount: minor, Currency: currency} }

// Zero returns a zero amount in currency.
func Zero(currency string) Money { return Money{Currency: currency} }

// Add returns m+o.
func (m Money) Add(o Money) (Money, error) {
	if m.Currency != o.Currency && m.Amount != 0 && o.Amount != 0 {
		return Money{}, ErrCurrencyMismatch
	}
	cur := m.Currency
	if cur == "" {
		cur = o.Currency
	}
	return Money{Amount: m.Amount + o.Amount, Currency: cur}, nil
}

// MustAdd panics on currency mismatch; for use with known-equal currencies.
func (m Money) MustAdd(o Money) Money {
	r, err := m.Add(o)
	if err != nil {
		panic(err)
	}
	return r
}

// Sub returns m-o.
func (m Money) Sub(o Money) (Money, error) {
	return m.Add(Money{Amount: -o.Amount, Currency: o.Currency})
}

// Mul multiplies by an integer quantity.
func (m Money) Mul(q int) Money { return Money{Amount: m.Amount * int64(q), Currency: m.Currency} }

// Percent returns bps basis points of m, rounded half up.
func (m Money) Percent(bps int64) Money {
	return Money{Amount: (m.Amount*bps + 5000) / 10000, Currency: m.Currency}
}

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.Amount == 0 }

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.Amount < 0 }

func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, a/100, a%100, m.Currency)
}
