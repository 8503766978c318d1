// Package money represents currency amounts as integer cents.
package money

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

type Cents int64

func FromDollars(d float64) Cents { return Cents(math.Round(d * 100)) }

func Parse(s string) (Cents, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "$")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("money: cannot parse %q", s)
	}
	return FromDollars(f), nil
}

func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s$%d.%02d", sign, v/100, v%100)
}

// Percent applies a percentage (e.g. 40 for 40%), rounding half up.
func (c Cents) Percent(p int) Cents {
	return Cents((int64(c)*int64(p) + 50) / 100)
}

func Min(a, b Cents) Cents {
	if a < b {
		return a
	}
	return b
}
