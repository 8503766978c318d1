// Package money represents amounts as integer minor units.
package money

import (
	"fmt"
	"strings"
)

type Currency string

const (
	USD Currency = "USD"
	EUR Currency = "EUR"
	GBP Currency = "GBP"
)

type Money struct {
	Cents    int64    `json:"cents"`
	Currency Currency `json:"currency"`
}

func New(cents int64, cur Currency) Money { return Money{Cents: cents, Currency: cur} }

func Zero(cur Currency) Money { return Money{Currency: cur} }

func (m Money) Add(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents + o.Cents, Currency: m.Currency}
}

func (m Money) Sub(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents - o.Cents, Currency: m.Currency}
}

func (m Money) Mul(n int64) Money { return Money{Cents: m.Cents * n, Currency: m.Currency} }

// Bps returns m * bps / 10000 rounded half up.
func (m Money) Bps(bps int64) Money {
	return Money{Cents: (m.Cents*bps + 5000) / 10000, Currency: m.Currency}
}

func (m Money) IsZero() bool     { return m.Cents == 0 }
func (m Money) IsNegative() bool { return m.Cents < 0 }

func (m Money) String() string {
	sign := ""
	c := m.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, c/100, c%100, m.Currency)
}

func ParseCurrency(s string) (Currency, error) {
	switch c := Currency(strings.ToUpper(s)); c {
	case USD, EUR, GBP:
		return c, nil
	}
	return "", fmt.Errorf("money: unsupported currency %q", s)
}

func (m Money) mustMatch(o Money) {
	if m.Currency != o.Currency && m.Cents != 0 && o.Cents != 0 {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", m.Currency, o.Currency))
	}
}

// Sum adds a slice of amounts in the same currency.
func Sum(cur Currency, ms ...Money) Money {
	t := Zero(cur)
	for _, m := range ms {
		t = t.Add(m)
	}
	return t
}
