// Package money represents currency amounts as integer cents.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Cents is an amount of USD in cents. All prices, totals and tips use it.
type Cents int64

// String formats c as "$12.34".
func (c Cents) String() string {
	sign := ""
	if c < 0 {
		sign = "-"
		c = -c
	}
	return fmt.Sprintf("%s$%d.%02d", sign, c/100, c%100)
}

// Parse reads "12.34" or "12" into cents.
func Parse(s string) (Cents, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "$")
	whole, frac, _ := strings.Cut(s, ".")
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("money: parse %q: %w", s, err)
	}
	var f int64
	if frac != "" {
		if len(frac) == 1 {
			frac += "0"
		}
		if f, err = strconv.ParseInt(frac[:2], 10, 64); err != nil {
			return 0, fmt.Errorf("money: parse %q: %w", s, err)
		}
	}
	return Cents(w*100 + f), nil
}

// BasisPoints applies a rate in basis points (875 = 8.75%), rounding half up.
func (c Cents) BasisPoints(bps int) Cents {
	return Cents((int64(c)*int64(bps) + 5000) / 10000)
}

// Percent applies an integer percentage.
func (c Cents) Percent(p int) Cents { return c.BasisPoints(p * 100) }

// Mul multiplies by a quantity.
func (c Cents) Mul(qty int) Cents { return c * Cents(qty) }

// Sum adds amounts.
func Sum(xs ...Cents) Cents {
	var t Cents
	for _, x := range xs {
		t += x
	}
	return t
}

// Allocate splits c proportionally to weights; leftover cents go to the
// first shares so the parts always add back up to c.
func Allocate(c Cents, weights []int64) []Cents {
	out := make([]Cents, len(weights))
	var total int64
	for _, w := range weights {
		total += w
	}
	if total == 0 {
		return out
	}
	var used Cents
	for i, w := range weights {
		out[i] = Cents(int64(c) * w / total)
		used += out[i]
	}
	for i := 0; used < c && len(out) > 0; i = (i + 1) % len(out) {
		if weights[i] > 0 {
			out[i]++
			used++
		}
	}
	return out
}
