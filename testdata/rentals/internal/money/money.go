// Package money represents USD amounts as integer cents.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

type Cents int64

func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s$%d.%02d", sign, v/100, v%100)
}

// Parse accepts "1234.5", "$1,234.50" and similar.
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
	v := w*100 + f
	if neg {
		v = -v
	}
	return Cents(v), nil
}

// MulBps multiplies by basis points (1/100 of a percent), rounding half up.
func (c Cents) MulBps(bps int64) Cents {
	v := int64(c) * bps
	if v >= 0 {
		return Cents((v + 5000) / 10000)
	}
	return Cents((v - 5000) / 10000)
}

// Prorate returns the share of c for days out of total days.
func (c Cents) Prorate(days, total int) Cents {
	if total <= 0 {
		return 0
	}
	return Cents((int64(c)*int64(days) + int64(total)/2) / int64(total))
}

func Min(a, b Cents) Cents {
	if a < b {
		return a
	}
	return b
}

func Sum(vs ...Cents) Cents {
	var t Cents
	for _, v := range vs {
		t += v
	}
	return t
}
