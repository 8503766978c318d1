// Package taxes computes ticket taxes and airport fees.
package taxes

import (
	"skyhop.aero/backend/pkg/platform/money"
	"skyhop.aero/backend/pkg/pricing/store"
)

// Leg is the minimal routing information taxes depend on.
type Leg struct {
	Origin, Destination string
	Domestic            bool
}

// Line is one computed tax.
type Line struct {
	Code   string
	Amount money.Amount
}

// Compute returns the taxes for one passenger on the given legs. Percentage
// taxes apply to the base fare; per-passenger taxes apply once per leg at
// the departure (or arrival) airport.
func Compute(rates []store.TaxRate, legs []Leg, base money.Amount, infant bool) []Line {
	var out []Line
	for _, leg := range legs {
		for _, r := range rates {
			at := leg.Destination
			if r.OnDepart {
				at = leg.Origin
			}
			if r.Airport != at || (r.Domestic && !leg.Domestic) {
				continue
			}
			// infants are exempt from passenger service charges
			if infant && r.Percent == 0 {
				continue
			}
			var amt money.Amount
			if r.Percent > 0 {
				amt = base.MulPercent(r.Percent / float64(len(legs)))
			} else {
				amt = money.New(r.PerPax.Minor, base.Currency)
			}
			out = append(out, Line{Code: r.Code, Amount: amt})
		}
	}
	return out
}

// Sum adds up tax lines.
func Sum(lines []Line, currency string) money.Amount {
	t := money.Zero(currency)
	for _, l := range lines {
		t = t.Add(l.Amount)
	}
	return t
}
