// Package money represents amounts as integer pence. Unit rates in the energy
// market are quoted in fractional pence per kWh, so multiplication helpers
// take float rates and round half away from zero once, at the end.
package money

import (
	"fmt"
	"math"
)

type Pence int64

func (p Pence) String() string {
	sign := ""
	v := int64(p)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s£%d.%02d", sign, v/100, v%100)
}

// Mul returns qty units at ratePence pence per unit.
func Mul(qty, ratePence float64) Pence { return Pence(math.Round(qty * ratePence)) }

// Percent applies a basis-point rate (500 = 5%).
func (p Pence) Percent(bps int) Pence {
	return Pence(math.Round(float64(p) * float64(bps) / 10000))
}

// Split divides p into n instalments whose sum is exactly p; the remainder
// goes on the first instalment.
func (p Pence) Split(n int) []Pence {
	if n <= 0 {
		return nil
	}
	out := make([]Pence, n)
	base := p / Pence(n)
	for i := range out {
		out[i] = base
	}
	out[0] += p - base*Pence(n)
	return out
}

func Min(a, b Pence) Pence {
	if a < b {
		return a
	}
	return b
}
