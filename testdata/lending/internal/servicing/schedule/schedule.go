// Package schedule computes amortization schedules and interest.
package schedule

import (
	"fmt"
	"math"
	"time"

	"lendwise.io/platform/internal/models"
	"lendwise.io/platform/internal/platform/money"
)

// MonthlyPayment is the level payment for a fully amortizing loan.
func MonthlyPayment(principal money.Cents, aprBps int64, months int) money.Cents {
	if months <= 0 {
		return principal
	}
	if aprBps == 0 {
		return money.Cents(math.Ceil(float64(principal) / float64(months)))
	}
	r := float64(aprBps) / 10000 / 12
	p := float64(principal) * r / (1 - math.Pow(1+r, -float64(months)))
	return money.Cents(math.Round(p))
}

// Build returns the installments; the final one absorbs rounding so the
// principal always sums to the loan amount.
func Build(loanID string, principal money.Cents, aprBps int64, months int, firstDue time.Time) []models.Installment {
	pmt := MonthlyPayment(principal, aprBps, months)
	r := float64(aprBps) / 10000 / 12
	bal := principal
	out := make([]models.Installment, 0, months)
	for i := 1; i <= months; i++ {
		interest := money.Cents(math.Round(float64(bal) * r))
		prin := pmt - interest
		if i == months || prin > bal {
			prin = bal
		}
		bal -= prin
		out = append(out, models.Installment{
			ID: fmt.Sprintf("%s-%02d", loanID, i), LoanID: loanID, Seq: i, DueDate: AddMonths(firstDue, i-1),
			Principal: prin, Interest: interest, Status: "scheduled",
		})
	}
	return out
}

// AddMonths adds n calendar months, clamping to the end of the month.
func AddMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, t.Location())
}

// FirstDueDate is at least 30 days after booking, on a day between 1 and 28.
func FirstDueDate(booked time.Time) time.Time {
	d := booked.AddDate(0, 0, 30)
	if d.Day() > 28 {
		d = time.Date(d.Year(), d.Month()+1, 1, 0, 0, 0, 0, d.Location())
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// FinanceCharge is total scheduled interest plus the origination fee (TILA).
func FinanceCharge(insts []models.Installment, originationFee money.Cents) money.Cents {
	total := originationFee
	for _, i := range insts {
		total += i.Interest
	}
	return total
}

// DailyInterest accrues simple interest on an actual/365 basis.
func DailyInterest(balance money.Cents, aprBps int64, days int) money.Cents {
	if days <= 0 {
		return 0
	}
	return money.Cents(math.Round(float64(balance) * float64(aprBps) / 10000 / 365 * float64(days)))
}

// EffectiveAPRBps estimates the APR including the origination fee by bisection.
func EffectiveAPRBps(amountFinanced, payment money.Cents, months int) int64 {
	lo, hi := 0.0, 1.0
	for range 60 {
		mid := (lo + hi) / 2
		r := mid / 12
		pv := float64(payment) * (1 - math.Pow(1+r, -float64(months))) / r
		if pv > float64(amountFinanced) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return int64(math.Round(lo * 10000))
}
