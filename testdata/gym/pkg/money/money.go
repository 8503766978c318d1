// Package money implements integer minor-unit amounts.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in minor units (pence).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

func New(minor int64, cur string) Money { return Money{Amount: minor, Currency: cur} }
func GBP(minor int64) Money             { return Money{Amount: minor, Currency: "GBP"} }

func (m Money) mustSame(o Money) {
	if m.Currency != o.Currency && m.Amount != 0 && o.Amount != 0 {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", m.Currency, o.Currency))
	}
}

func (m Money) cur(o Money) string {
	if m.Currency != "" {
		return m.Currency
	}
	return o.Currency
}

func (m Money) Add(o Money) Money { m.mustSame(o); return Money{m.Amount + o.Amount, m.cur(o)} }
func (m Money) Sub(o Money) Money { m.mustSame(o); return Money{m.Amount - o.Amount, m.cur(o)} }
func (m Money) Mul(n int64) Money { return Money{m.Amount * n, m.Currency} }
func (m Money) IsZero() bool      { return m.Amount == 0 }
func (m Money) IsNegative() bool  { return m.Amount < 0 }

// Percent applies basis points with banker-free half-up rounding.
func (m Money) Percent(bp int) Money {
	v := m.Amount * int64(bp)
	q := v / 10000
	if r := v % 10000; r*2 >= 10000 {
		q++
	}
	return Money{q, m.Currency}
}

// Prorate returns the share of m for used/total days.
func (m Money) Prorate(used, total int) Money {
	if total <= 0 {
		return Money{0, m.Currency}
	}
	return Money{m.Amount * int64(used) / int64(total), m.Currency}
}

func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, a/100, a%100, m.Currency)
}

// Parse reads "12.34" into minor units.
func Parse(s, cur string) (Money, error) {
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
	return Money{w*100 + f, cur}, nil
}
