// Package pricing computes VAT and proration for invoices and plan changes.
//
// It started life as a shared helper but only billing really owns these rules.
package pricing

import (
	"strings"
	"time"

	"github.com/dailyherald/newsroom/pkg/money"
)

// VAT rates for digital services by country (basis points).
var vatBasisPoints = map[string]int64{
	"GB": 2000, "IE": 2300, "FR": 2000, "DE": 1900, "NL": 2100, "ES": 2100, "IT": 2200,
}

// Breakdown splits a price into net, tax and gross amounts.
type Breakdown struct {
	Net     money.Money `json:"net"`
	Tax     money.Money `json:"tax"`
	Gross   money.Money `json:"gross"`
	RateBps int64       `json:"rate_bps"`
}

// VATInclusive treats price as tax-inclusive (consumer prices in the UK/EU).
func VATInclusive(price money.Money, country string) Breakdown {
	bps := vatBasisPoints[strings.ToUpper(country)]
	net := price.MulRat(10000, 10000+bps)
	return Breakdown{Net: net, Tax: price.Sub(net), Gross: price, RateBps: bps}
}

// Prorate returns the unused share of amount for a period when changing at `at`.
func Prorate(amount money.Money, periodStart, periodEnd, at time.Time) money.Money {
	total := periodEnd.Sub(periodStart)
	if total <= 0 || !at.Before(periodEnd) {
		return money.Zero(amount.Currency)
	}
	if at.Before(periodStart) {
		return amount
	}
	remaining := periodEnd.Sub(at)
	return amount.MulRat(int64(remaining/time.Hour), int64(total/time.Hour))
}

// AddBillingPeriod advances a period start by the plan interval, clamping month ends.
func AddBillingPeriod(start time.Time, interval string) time.Time {
	switch interval {
	case "year":
		return start.AddDate(1, 0, 0)
	case "week":
		return start.AddDate(0, 0, 7)
	default:
		next := start.AddDate(0, 1, 0)
		if next.Day() != start.Day() {
			next = next.AddDate(0, 0, -next.Day())
		}
		return next
	}
}
