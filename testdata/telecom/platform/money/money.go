// Package money implements fixed-point currency amounts in minor units.
package money

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in minor units (pence, cents) of Currency.
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

var ErrCurrencyMismatch = errors.New("money: currency mismatch")

func New(minor int64, currency string) Money { return Money{Amount: minor, Currency: currency} }

func Zero(currency string) Money { return Money{Currency: currency} }

func (m Money) IsZero() bool     { return m.Amount == 0 }
func (m Money) IsNegative() bool { return m.Amount < 0 }
func (m Money) Neg() Money       { return Money{Amount: -m.Amount, Currency: m.Currency} }

func (m Money) Add(o Money) (Money, error) {
	if m.Currency != o.Currency && m.Amount != 0 && o.Amount != 0 {
		return m, ErrCurrencyMismatch
	}
	cur := m.Currency
	if cur == "" {
		cur = o.Currency
	}
	return Money{Amount: m.Amount + o.Amount, Currency: cur}, nil
}

// MustAdd is for amounts already known to share a currency.
func (m Money) MustAdd(o Money) Money {
	r, err := m.Add(o)
	if err != nil {
		panic(err)
	}
	return r
}

func (m Money) Sub(o Money) (Money, error) { return m.Add(o.Neg()) }

// Mul multiplies by an integer quantity.
func (m Money) Mul(q int64) Money { return Money{Amount: m.Amount * q, Currency: m.Currency} }

// MulRatio multiplies by num/den with half-up rounding.
func (m Money) MulRatio(num, den int64) Money {
	if den == 0 {
		return Money{Currency: m.Currency}
	}
	v := float64(m.Amount) * float64(num) / float64(den)
	return Money{Amount: int64(math.Round(v)), Currency: m.Currency}
}

// Percent applies a rate in basis points (2000 = 20%).
func (m Money) Percent(bp int64) Money { return m.MulRatio(bp, 10000) }

func (m Money) Cmp(o Money) int {
	switch {
	case m.Amount < o.Amount:
		return -1
	case m.Amount > o.Amount:
		return 1
	}
	return 0
}

func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, a/100, a%100, m.Currency)
}

// ParseMajor parses "12.34" into minor units.
func ParseMajor(s, currency string) (Money, error) {
	s = strings.TrimSpace(s)
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
	if strings.HasPrefix(whole, "-") {
		f = -f
	}
	return Money{Amount: w*100 + f, Currency: currency}, nil
}
