// Package money represents monetary amounts in minor units.
package money

import (
	"fmt"
	"strconv"
	"strings"
)

// Amount is an amount of a currency in minor units (cents).
type Amount struct {
	Cents    int64  `json:"cents"`
	Currency string `json:"currency"`
}

func New(cents int64, currency string) Amount {
	return Amount{Cents: cents, Currency: strings.ToUpper(currency)}
}

func Zero(currency string) Amount { return New(0, currency) }

func (a Amount) Add(b Amount) Amount {
	a.mustMatch(b)
	return Amount{Cents: a.Cents + b.Cents, Currency: a.Currency}
}

// Mul multiplies by an integer quantity.
func (a Amount) Mul(n int64) Amount { return Amount{Cents: a.Cents * n, Currency: a.Currency} }

// Percent returns p percent of a, rounded half away from zero.
func (a Amount) Percent(p float64) Amount {
	v := float64(a.Cents) * p / 100
	if v < 0 {
		return Amount{Cents: int64(v - 0.5), Currency: a.Currency}
	}
	return Amount{Cents: int64(v + 0.5), Currency: a.Currency}
}

func (a Amount) Less(b Amount) bool    { a.mustMatch(b); return a.Cents < b.Cents }
func (a Amount) Greater(b Amount) bool { a.mustMatch(b); return a.Cents > b.Cents }
func (a Amount) IsZero() bool          { return a.Cents == 0 }

func (a Amount) mustMatch(b Amount) {
	if a.Currency != b.Currency {
		panic(fmt.Sprintf("money: currency mismatch %s vs %s", a.Currency, b.Currency))
	}
}

var symbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$"}

// String formats as e.g. "$1,250.00".
func (a Amount) String() string {
	neg := a.Cents < 0
	c := a.Cents
	if neg {
		c = -c
	}
	whole := strconv.FormatInt(c/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	sym, ok := symbols[a.Currency]
	if !ok {
		sym = a.Currency + " "
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return fmt.Sprintf("%s%s%s.%02d", sign, sym, b.String(), c%100)
}

// Parse reads "1234.56" into an amount.
func Parse(s, currency string) (Amount, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return Amount{}, fmt.Errorf("money: too many decimals in %q", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return Amount{}, fmt.Errorf("money: %q: %w", s, err)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return Amount{}, fmt.Errorf("money: %q: %w", s, err)
	}
	if strings.HasPrefix(whole, "-") {
		f = -f
	}
	return New(w*100+f, currency), nil
}
