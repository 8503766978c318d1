// Package money represents US dollar amounts as integer cents.
package money

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Cents is an amount in US cents.
type Cents int64

const Zero Cents = 0

// FromDollars rounds a float dollar amount to cents (half away from zero).
func FromDollars(d float64) Cents { return Cents(math.Round(d * 100)) }

// Dollars returns the amount as a float, for display and rate math only.
func (c Cents) Dollars() float64 { return float64(c) / 100 }

func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s$%d.%02d", sign, v/100, v%100)
}

// Min returns the smaller amount.
func Min(a, b Cents) Cents {
	if a < b {
		return a
	}
	return b
}

// ApplyBps multiplies by a rate in basis points, rounding half up.
func (c Cents) ApplyBps(bps int64) Cents {
	return Cents(math.Round(float64(c) * float64(bps) / 10000))
}

// Parse reads "123.45" or "$1,234.50".
func Parse(s string) (Cents, error) {
	s = strings.TrimSpace(strings.NewReplacer("$", "", ",", "").Replace(s))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("money: too many decimals in %q", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("money: %w", err)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("money: %w", err)
	}
	v := Cents(w*100 + f)
	if neg {
		v = -v
	}
	return v, nil
}
