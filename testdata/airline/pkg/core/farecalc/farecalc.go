// Package farecalc builds the IATA fare calculation line printed on tickets
// and computes fare components. Moved here from the old ticket printer.
package farecalc

import (
	"fmt"
	"strings"

	"skyhop.aero/backend/pkg/platform/money"
)

// Component is one priced origin/destination pair.
type Component struct {
	Origin      string
	Destination string
	Carrier     string
	FareBasis   string
	Amount      money.Amount
}

// Line renders the fare calculation, e.g.
// "OSL SH BGO 89.00KOWSH SH OSL 89.00KOWSH NUC178.00END ROE1.00".
func Line(cs []Component, roe float64) string {
	if len(cs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(cs[0].Origin)
	var total int64
	for _, c := range cs {
		fmt.Fprintf(&b, " %s %s %s%s", c.Carrier, c.Destination, c.Amount.String()[:strings.IndexByte(c.Amount.String(), ' ')], c.FareBasis)
		total += c.Amount.Minor
	}
	nuc := money.New(total, cs[0].Amount.Currency)
	s := nuc.String()
	fmt.Fprintf(&b, " NUC%sEND ROE%.2f", s[:strings.IndexByte(s, ' ')], roe)
	return b.String()
}

// Total sums all component amounts.
func Total(cs []Component) money.Amount {
	if len(cs) == 0 {
		return money.Zero("EUR")
	}
	t := money.Zero(cs[0].Amount.Currency)
	for _, c := range cs {
		t = t.Add(c.Amount)
	}
	return t
}

// ChildDiscountPct and InfantDiscountPct are the legacy discounts off the
// adult fare; pricing still applies them unless a fare rule overrides.
const (
	ChildDiscountPct  = 25.0
	InfantDiscountPct = 90.0
)

// ForPassengerType applies the legacy discount to an adult amount.
func ForPassengerType(adult money.Amount, paxType string) money.Amount {
	switch paxType {
	case "CHD":
		return adult.Sub(adult.MulPercent(ChildDiscountPct))
	case "INF":
		return adult.Sub(adult.MulPercent(InfantDiscountPct))
	}
	return adult
}
