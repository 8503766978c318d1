// Package cancellation evaluates cancellation and no-show policies.
package cancellation

import (
	"time"

	"github.com/staybright/platform/internal/model"
	"github.com/staybright/platform/internal/pkg/money"
)

// Decision is the outcome of applying a policy.
type Decision struct {
	Free     bool        `json:"free"`
	Penalty  money.Money `json:"penalty"`
	Reason   string      `json:"reason"`
	Deadline time.Time   `json:"deadline,omitempty"`
}

// FirstNight returns the price of the first night (total / nights, rounded up).
func FirstNight(r model.Reservation) money.Money {
	n := int64(r.Nights())
	if n <= 0 {
		n = 1
	}
	return money.New((r.TotalCents+n-1)/n, r.Currency)
}

// Deadline returns the free-cancellation deadline in UTC: FreeCancelHours
// before the hotel's check-in time on the arrival day, hotel local time.
func Deadline(r model.Reservation, plan *model.RatePlan, h *model.Hotel) time.Time {
	loc, err := time.LoadLocation(h.Timezone)
	if err != nil {
		loc = time.UTC
	}
	hh, mm := 15, 0
	if t, err := time.Parse("15:04", h.CheckInAt); err == nil {
		hh, mm = t.Hour(), t.Minute()
	}
	y, m, d := r.CheckIn.Date()
	arrival := time.Date(y, m, d, hh, mm, 0, 0, loc)
	return arrival.Add(-time.Duration(plan.FreeCancelHours) * time.Hour).UTC()
}

// Evaluate applies the plan's policy to a guest cancellation at now.
func Evaluate(r model.Reservation, plan *model.RatePlan, h *model.Hotel, now time.Time) Decision {
	total := money.New(r.TotalCents, r.Currency)
	if !plan.Refundable {
		return Decision{Penalty: total, Reason: "non-refundable rate"}
	}
	dl := Deadline(r, plan, h)
	if now.Before(dl) {
		return Decision{Free: true, Penalty: money.Zero(r.Currency), Reason: "within free cancellation window", Deadline: dl}
	}
	return Decision{Penalty: FirstNight(r).Min(total), Reason: "late cancellation: first night charged", Deadline: dl}
}

// NoShow applies the no-show policy.
func NoShow(r model.Reservation, plan *model.RatePlan) Decision {
	if !plan.Refundable {
		return Decision{Penalty: money.New(r.TotalCents, r.Currency), Reason: "no-show on non-refundable rate"}
	}
	return Decision{Penalty: FirstNight(r), Reason: "no-show: first night charged"}
}

// Waived returns a free decision used when staff waive the fee.
func Waived(r model.Reservation, by string) Decision {
	return Decision{Free: true, Penalty: money.Zero(r.Currency), Reason: "fee waived by " + by}
}
