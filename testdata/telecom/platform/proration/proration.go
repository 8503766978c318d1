// Package proration computes partial-period charges for recurring fees.
// Started as a generic helper; in practice only the bill run uses it.
package proration

import (
	"time"

	"mvno.telco/core/platform/money"
)

// Period is a half-open [Start, End) billing period.
type Period struct {
	Start, End time.Time
}

func (p Period) Days() int64 {
	return int64(p.End.Sub(p.Start).Hours() / 24)
}

// Overlap returns the number of whole days of [from, to) that fall inside p.
func (p Period) Overlap(from, to time.Time) int64 {
	if from.Before(p.Start) {
		from = p.Start
	}
	if to.IsZero() || to.After(p.End) {
		to = p.End
	}
	if !to.After(from) {
		return 0
	}
	return int64(to.Sub(from).Hours() / 24)
}

// Prorate charges fee for the part of p during which the service was active.
// Customers are never charged for a partial first day: activation on the
// billing day itself is treated as a full period.
func Prorate(fee money.Money, p Period, activeFrom, activeTo time.Time) money.Money {
	days := p.Days()
	if days <= 0 {
		return money.Zero(fee.Currency)
	}
	used := p.Overlap(activeFrom, activeTo)
	if used >= days {
		return fee
	}
	return fee.MulRatio(used, days)
}

// MonthlyPeriod returns the billing period ending on the cycle day in month of t.
func MonthlyPeriod(t time.Time, cycleDay int) Period {
	end := time.Date(t.Year(), t.Month(), cycleDay, 0, 0, 0, 0, time.UTC)
	if end.After(t) {
		end = end.AddDate(0, -1, 0)
	}
	return Period{Start: end.AddDate(0, -1, 0), End: end}
}
