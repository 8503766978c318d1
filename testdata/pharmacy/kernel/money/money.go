// Package money provides a fixed-point currency amount.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in minor units (cents).
type Money struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

// USD returns an amount in US dollars.
func USD(cents int64) Money { return Money{Cents: cents, Currency: "USD"} }

// Zero is zero US dollars.
var Zero = USD(0)

// Parse converts "12.34" into Money.
func Parse(s string) (Money, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return Money{}, fmt.Errorf("money: too many decimals in %q", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return Money{}, fmt.Errorf("money: %w", err)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return Money{}, fmt.Errorf("money: %w", err)
	}
	c := w*100 + f
	if neg {
		c = -c
	}
	return USD(c), nil
}

func (m Money) cur() string {
	if m.Currency == "" {
		return "USD"
	}
	return m.Currency
}

func (m Money) Add(o Money) Money { return Money{Cents: m.Cents + o.Cents, Currency: m.cur()} }
func (m Money) Sub(o Money) Money { return Money{Cents: m.Cents - o.Cents, Currency: m.cur()} }
func (m Money) Mul(n int) Money   { return Money{Cents: m.Cents * int64(n), Currency: m.cur()} }

// MulBasisPoints multiplies by bps/10000 rounding half away from zero.
func (m Money) MulBasisPoints(bps int64) Money {
	v := m.Cents * bps
	q := v / 10000
	if r := v % 10000; r >= 5000 {
		q++
	} else if r <= -5000 {
		q--
	}
	return Money{Cents: q, Currency: m.cur()}
}

func (m Money) IsZero() bool       { return m.Cents == 0 }
func (m Money) IsNegative() bool   { return m.Cents < 0 }
func (m Money) Less(o Money) bool  { return m.Cents < o.Cents }
func (m Money) Equal(o Money) bool { return m.Cents == o.Cents && m.cur() == o.cur() }

// Max returns the larger amount.
func Max(a, b Money) Money {
	if a.Cents >= b.Cents {
		return a
	}
	return b
}

// Decimal renders "12.34".
func (m Money) Decimal() string {
	c := m.Cents
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

func (m Money) String() string { return m.Decimal() + " " + m.cur() }
