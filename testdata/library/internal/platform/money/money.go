// Package money represents amounts in integer cents (CAD).
package money

import (
	"fmt"
)

type Cents int64

func (c Cents) String() string {
	sign := ""
	if c < 0 {
		sign = "-"
		c = -c
	}
	return fmt.Sprintf("%s$%d.%02d", sign, c/100, c%100)
}

func Min(a, b Cents) Cents {
	if a < b {
		return a
	}
	return b
}

// Allocate splits amount over the given balances in order, returning how
// much goes to each one. Any remainder is returned as change.
func Allocate(amount Cents, balances []Cents) (parts []Cents, change Cents) {
	parts = make([]Cents, len(balances))
	for i, b := range balances {
		if amount <= 0 {
			break
		}
		p := Min(amount, b)
		parts[i] = p
		amount -= p
	}
	return parts, amount
}
