// Package money represents amounts in minor units with a currency.
package money

import (
	"errors"
	"fmt"
	"math"
)

// Amount is an amount in minor units (cents).
type Amount struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

var ErrCurrencyMismatch = errors.New("money: currency mismatch")

// New builds an Amount.
func New(cents int64, currency string) Amount { return Amount{Cents: cents, Currency: currency} }

// Zero returns a zero amount in currency.
func Zero(currency string) Amount { return Amount{Currency: currency} }

// Add returns a+b.
func (a Amount) Add(b Amount) (Amount, error) {
	if a.Currency != b.Currency {
		return Amount{}, ErrCurrencyMismatch
	}
	return Amount{Cents: a.Cents + b.Cents, Currency: a.Currency}, nil
}

// Sub returns a-b.
func (a Amount) Sub(b Amount) (Amount, error) {
	if a.Currency != b.Currency {
		return Amount{}, ErrCurrencyMismatch
	}
	return Amount{Cents: a.Cents - b.Cents, Currency: a.Currency}, nil
}

// Ratio scales an amount by num/den using banker-free half-up rounding.
func (a Amount) Ratio(num, den int64) Amount {
	if den == 0 {
		return Zero(a.Currency)
	}
	v := float64(a.Cents) * float64(num) / float64(den)
	return Amount{Cents: int64(math.Round(v)), Currency: a.Currency}
}

// IsPositive reports a > 0.
func (a Amount) IsPositive() bool { return a.Cents > 0 }

// Neg returns -a.
func (a Amount) Neg() Amount { return Amount{Cents: -a.Cents, Currency: a.Currency} }

func (a Amount) String() string {
	sign := ""
	c := a.Cents
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, c/100, c%100, a.Currency)
}
