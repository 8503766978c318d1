// Package money represents monetary amounts in minor units.
package money

import (
	"fmt"
	"math"
)

// Amount is an integer amount of minor units in a currency.
type Amount struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

var minorDigits = map[string]int{"EUR": 2, "GBP": 2, "USD": 2, "CHF": 2, "NOK": 2, "SEK": 2, "DKK": 2, "ISK": 0}

func New(minor int64, currency string) Amount { return Amount{Minor: minor, Currency: currency} }

func Zero(currency string) Amount { return Amount{Currency: currency} }

// FromMajor converts a decimal amount, rounding half away from zero.
func FromMajor(v float64, currency string) Amount {
	d := Digits(currency)
	return Amount{Minor: int64(math.Round(v * math.Pow10(d))), Currency: currency}
}

func Digits(currency string) int {
	if d, ok := minorDigits[currency]; ok {
		return d
	}
	return 2
}

func (a Amount) Add(b Amount) Amount {
	a.mustMatch(b)
	return Amount{Minor: a.Minor + b.Minor, Currency: a.Currency}
}

func (a Amount) Sub(b Amount) Amount {
	a.mustMatch(b)
	return Amount{Minor: a.Minor - b.Minor, Currency: a.Currency}
}

// MulPercent multiplies by p percent (basis points precision) and rounds.
func (a Amount) MulPercent(p float64) Amount {
	return Amount{Minor: int64(math.Round(float64(a.Minor) * p / 100)), Currency: a.Currency}
}

func (a Amount) Mul(n int) Amount { return Amount{Minor: a.Minor * int64(n), Currency: a.Currency} }

func (a Amount) IsZero() bool     { return a.Minor == 0 }
func (a Amount) IsNegative() bool { return a.Minor < 0 }

func (a Amount) String() string {
	d := Digits(a.Currency)
	if d == 0 {
		return fmt.Sprintf("%d %s", a.Minor, a.Currency)
	}
	p := int64(math.Pow10(d))
	sign := ""
	m := a.Minor
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%0*d %s", sign, m/p, d, m%p, a.Currency)
}

func (a Amount) mustMatch(b Amount) {
	if a.Currency != b.Currency && a.Minor != 0 && b.Minor != 0 {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", a.Currency, b.Currency))
	}
}
