// Package money represents amounts of money in minor units (cents) with their
// currency. Amounts of different currencies never mix silently.
package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Currency is an ISO 4217 code.
type Currency string

// The currencies the shop sells in.
const (
	EUR Currency = "EUR"
	GBP Currency = "GBP"
	USD Currency = "USD"
)

// ErrCurrencyMismatch is returned when amounts of two currencies are combined.
var ErrCurrencyMismatch = errors.New("money: currency mismatch")

var minorDigits = map[Currency]int{EUR: 2, GBP: 2, USD: 2}

// Valid reports whether c is a supported currency.
func (c Currency) Valid() bool {
	_, ok := minorDigits[c]
	return ok
}

// ParseCurrency parses a currency code, case-insensitively.
func ParseCurrency(s string) (Currency, error) {
	c := Currency(strings.ToUpper(strings.TrimSpace(s)))
	if !c.Valid() {
		return "", fmt.Errorf("money: unsupported currency %q", s)
	}
	return c, nil
}

// Money is an amount in minor units.
type Money struct {
	Amount   int64    `json:"amount"`
	Currency Currency `json:"currency"`
}

// New returns amount minor units of c.
func New(amount int64, c Currency) Money { return Money{Amount: amount, Currency: c} }

// Zero returns no money in c.
func Zero(c Currency) Money { return Money{Currency: c} }

// IsZero reports whether m is zero.
func (m Money) IsZero() bool { return m.Amount == 0 }

// IsNegative reports whether m is below zero.
func (m Money) IsNegative() bool { return m.Amount < 0 }

// IsPositive reports whether m is above zero.
func (m Money) IsPositive() bool { return m.Amount > 0 }

func (m Money) check(o Money) error {
	if m.Currency != o.Currency {
		return fmt.Errorf("%w: %s and %s", ErrCurrencyMismatch, m.Currency, o.Currency)
	}
	return nil
}

// Add returns m+o.
func (m Money) Add(o Money) (Money, error) {
	if err := m.check(o); err != nil {
		return Money{}, err
	}
	return Money{Amount: m.Amount + o.Amount, Currency: m.Currency}, nil
}

// Sub returns m-o.
func (m Money) Sub(o Money) (Money, error) {
	if err := m.check(o); err != nil {
		return Money{}, err
	}
	return Money{Amount: m.Amount - o.Amount, Currency: m.Currency}, nil
}

// Mul returns m*n.
func (m Money) Mul(n int64) Money { return Money{Amount: m.Amount * n, Currency: m.Currency} }

// Neg returns -m.
func (m Money) Neg() Money { return Money{Amount: -m.Amount, Currency: m.Currency} }

// Percent returns basisPoints/10000 of m, rounded half away from zero.
func (m Money) Percent(basisPoints int64) Money {
	p := m.Amount * basisPoints
	if p >= 0 {
		p += 5000
	} else {
		p -= 5000
	}
	return Money{Amount: p / 10000, Currency: m.Currency}
}

// Cmp compares m and o: -1, 0 or +1.
func (m Money) Cmp(o Money) (int, error) {
	if err := m.check(o); err != nil {
		return 0, err
	}
	switch {
	case m.Amount < o.Amount:
		return -1, nil
	case m.Amount > o.Amount:
		return 1, nil
	}
	return 0, nil
}

// Allocate splits m by ratios without losing a cent: the remainder goes to
// the first parts.
func (m Money) Allocate(ratios ...int) []Money {
	total := 0
	for _, r := range ratios {
		total += r
	}
	out := make([]Money, len(ratios))
	if total == 0 {
		for i := range out {
			out[i] = Zero(m.Currency)
		}
		return out
	}
	rest := m.Amount
	for i, r := range ratios {
		share := m.Amount * int64(r) / int64(total)
		out[i] = Money{Amount: share, Currency: m.Currency}
		rest -= share
	}
	for i := 0; rest > 0 && i < len(out); i++ {
		out[i].Amount++
		rest--
	}
	return out
}

// String formats m as "12.34 EUR".
func (m Money) String() string {
	digits := minorDigits[m.Currency]
	sign := ""
	amount := m.Amount
	if amount < 0 {
		sign, amount = "-", -amount
	}
	if digits == 0 {
		return fmt.Sprintf("%s%d %s", sign, amount, m.Currency)
	}
	unit := int64(1)
	for range digits {
		unit *= 10
	}
	return fmt.Sprintf("%s%d.%0*d %s", sign, amount/unit, digits, amount%unit, m.Currency)
}

// Parse parses "12.34 EUR".
func Parse(s string) (Money, error) {
	num, code, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return Money{}, fmt.Errorf("money: %q: want \"<amount> <currency>\"", s)
	}
	cur, err := ParseCurrency(code)
	if err != nil {
		return Money{}, err
	}
	whole, frac, _ := strings.Cut(num, ".")
	digits := minorDigits[cur]
	if len(frac) > digits {
		return Money{}, fmt.Errorf("money: %q: too many decimals for %s", s, cur)
	}
	frac += strings.Repeat("0", digits-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return Money{}, fmt.Errorf("money: %q: %w", s, err)
	}
	return New(n, cur), nil
}

// Sum adds ms, all of which must be in c.
func Sum(c Currency, ms ...Money) (Money, error) {
	total := Zero(c)
	for _, m := range ms {
		var err error
		if total, err = total.Add(m); err != nil {
			return Money{}, err
		}
	}
	return total, nil
}
