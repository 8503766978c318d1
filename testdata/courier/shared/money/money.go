// Package money represents amounts in integer minor units.
package money

import (
	"fmt"
	"math"
)

// Money is an amount in minor units (cents) of a currency.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

func New(amount int64, currency string) Money { return Money{Amount: amount, Currency: currency} }
func Zero(currency string) Money              { return Money{Currency: currency} }

func (m Money) IsZero() bool { return m.Amount == 0 }

func (m Money) mustMatch(o Money) {
	if m.Currency != o.Currency && m.Currency != "" && o.Currency != "" {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", m.Currency, o.Currency))
	}
}

func (m Money) cur(o Money) string {
	if m.Currency != "" {
		return m.Currency
	}
	return o.Currency
}

func (m Money) Add(o Money) Money {
	m.mustMatch(o)
	return Money{Amount: m.Amount + o.Amount, Currency: m.cur(o)}
}

func (m Money) Sub(o Money) Money {
	m.mustMatch(o)
	return Money{Amount: m.Amount - o.Amount, Currency: m.cur(o)}
}

// Mul multiplies by an integer quantity.
func (m Money) Mul(q int64) Money { return Money{Amount: m.Amount * q, Currency: m.Currency} }

// Bps applies a rate in basis points, rounding half away from zero.
func (m Money) Bps(bps int) Money {
	v := float64(m.Amount) * float64(bps) / 10000.0
	return Money{Amount: int64(math.Round(v)), Currency: m.Currency}
}

// MulFloat multiplies by a fractional factor (hours, km), rounding.
func (m Money) MulFloat(f float64) Money {
	return Money{Amount: int64(math.Round(float64(m.Amount) * f)), Currency: m.Currency}
}

func (m Money) Neg() Money { return Money{Amount: -m.Amount, Currency: m.Currency} }

// Min returns the smaller of two amounts.
func Min(a, b Money) Money {
	if a.Amount <= b.Amount {
		return a
	}
	return b
}

func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, a/100, a%100, m.Currency)
}
