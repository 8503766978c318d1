// Package money implements an integer minor-unit amount with a currency.
package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in minor units (cents) and an ISO 4217 currency.
type Money struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

// ErrCurrencyMismatch is returned when combining different currencies.
var ErrCurrencyMismatch = errors.New("money: currency mismatch")

// New creates a Money value.
func New(cents int64, currency string) Money {
	return Money{Cents: cents, Currency: strings.ToUpper(currency)}
}

// Zero returns a zero amount in currency.
func Zero(currency string) Money { return New(0, currency) }

// Add returns m+o; it panics on currency mismatch, which is a programming error.
func (m Money) Add(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents + o.Cents, Currency: m.Currency}
}

// Sub returns m-o.
func (m Money) Sub(o Money) Money {
	m.mustMatch(o)
	return Money{Cents: m.Cents - o.Cents, Currency: m.Currency}
}

// Percent returns m * bps / 10000 rounded half away from zero.
func (m Money) Percent(bps int64) Money {
	v := m.Cents * bps
	q := v / 10000
	if r := v % 10000; r >= 5000 {
		q++
	} else if r <= -5000 {
		q--
	}
	return Money{Cents: q, Currency: m.Currency}
}

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.Cents == 0 }

// IsNegative reports whether the amount is below zero.
func (m Money) IsNegative() bool { return m.Cents < 0 }

// Min returns the smaller of m and o.
func (m Money) Min(o Money) Money {
	m.mustMatch(o)
	if o.Cents < m.Cents {
		return o
	}
	return m
}

func (m Money) mustMatch(o Money) {
	if m.Currency != o.Currency && m.Currency != "" && o.Currency != "" {
		panic(fmt.Sprintf("%v: %s vs %s", ErrCurrencyMismatch, m.Currency, o.Currency))
	}
}

// String renders "EUR 123.45".
func (m Money) String() string {
	sign := ""
	c := m.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s %s%d.%02d", m.Currency, sign, c/100, c%100)
}

// Parse parses "123.45" into cents.
func Parse(s, currency string) (Money, error) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if len(frac) > 2 {
		return Money{}, fmt.Errorf("money: too many decimals in %q", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return Money{}, fmt.Errorf("money: parse %q: %w", s, err)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return Money{}, fmt.Errorf("money: parse %q: %w", s, err)
	}
	cents := w*100 + f
	if strings.HasPrefix(whole, "-") {
		cents = w*100 - f
	}
	return New(cents, currency), nil
}
