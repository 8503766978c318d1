// Package money represents USD amounts as integer cents.
package money

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in cents.
type Money int64

const Zero Money = 0

func Dollars(d int64) Money { return Money(d * 100) }

// FromFloat converts dollars to cents using banker's-free half-up rounding.
func FromFloat(f float64) Money { return Money(math.Round(f * 100)) }

func (m Money) Float() float64    { return float64(m) / 100 }
func (m Money) Add(o Money) Money { return m + o }
func (m Money) Sub(o Money) Money { return m - o }
func (m Money) Neg() Money        { return -m }
func (m Money) IsZero() bool      { return m == 0 }
func (m Money) IsNeg() bool       { return m < 0 }

// Mul multiplies by a factor, rounding to the nearest cent.
func (m Money) Mul(f float64) Money { return Money(math.Round(float64(m) * f)) }

// Allocate splits m into n parts whose sum is exactly m; the remainder
// cents go to the first parts (first installment carries the odd cents).
func (m Money) Allocate(n int) []Money {
	if n <= 0 {
		return nil
	}
	out := make([]Money, n)
	base := m / Money(n)
	rem := m % Money(n)
	for i := range out {
		out[i] = base
		if Money(i) < rem {
			out[i]++
		}
	}
	return out
}

func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign = "-"
		v = -v
	}
	whole := strconv.FormatInt(v/100, 10)
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("%s$%s.%02d", sign, b.String(), v%100)
}

func Max(a, b Money) Money {
	if a > b {
		return a
	}
	return b
}

func Min(a, b Money) Money {
	if a < b {
		return a
	}
	return b
}

// Sum adds amounts.
func Sum(ms ...Money) Money {
	var t Money
	for _, m := range ms {
		t += m
	}
	return t
}
