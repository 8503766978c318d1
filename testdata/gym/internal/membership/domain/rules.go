// Package domain holds membership business rules that do not touch storage.
package domain

import (
	"strings"
	"time"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/pkg/errs"
	"github.com/pulsefit/clubs/pkg/money"
)

const (
	MinAge            = 16
	CancelNoticeDays  = 30
	MaxFreezeMonthsPY = 3
	JuniorMaxAge      = 17
)

// JoinRequest is what the web join flow and reception both submit.
type JoinRequest struct {
	ClubID       string    `json:"club_id"`
	PlanCode     string    `json:"plan_code"`
	FirstName    string    `json:"first_name"`
	LastName     string    `json:"last_name"`
	Email        string    `json:"email"`
	Phone        string    `json:"phone"`
	DateOfBirth  time.Time `json:"date_of_birth"`
	StartDate    time.Time `json:"start_date"`
	PromoCode    string    `json:"promo_code"`
	ReferralCode string    `json:"referral_code"`
	MarketingOK  bool      `json:"marketing_ok"`
	SortCode     string    `json:"sort_code"`
	AccountNo    string    `json:"account_no"`
}

// AgeOn returns completed years on date d.
func AgeOn(dob, d time.Time) int {
	age := d.Year() - dob.Year()
	if d.YearDay() < dob.YearDay() {
		age--
	}
	return age
}

// Validate checks a join request.
func (r *JoinRequest) Validate(now time.Time) error {
	r.Email = strings.ToLower(strings.TrimSpace(r.Email))
	switch {
	case r.FirstName == "" || r.LastName == "":
		return errs.Invalid("name is required")
	case !strings.Contains(r.Email, "@"):
		return errs.Invalid("email is invalid")
	case r.ClubID == "" || r.PlanCode == "":
		return errs.Invalid("club and plan are required")
	case len(r.SortCode) != 6 || len(r.AccountNo) != 8:
		return errs.Invalid("bank details are invalid")
	}
	if AgeOn(r.DateOfBirth, now) < MinAge {
		return errs.Invalid("members must be at least %d", MinAge)
	}
	if r.StartDate.IsZero() {
		r.StartDate = now
	}
	if r.StartDate.Before(now.AddDate(0, 0, -1)) || r.StartDate.After(now.AddDate(0, 2, 0)) {
		return errs.Invalid("start date must be within the next two months")
	}
	return nil
}

// FirstPayment is the pro-rata fee for the rest of the first month plus joining fee.
func FirstPayment(p models.Plan, start time.Time) money.Money {
	first := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	days := first.AddDate(0, 1, -1).Day()
	remaining := days - start.Day() + 1
	return p.MonthlyFee.Prorate(remaining, days).Add(p.JoiningFee)
}

// NextRenewal returns the first of the month after start.
func NextRenewal(start time.Time) time.Time {
	return time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
}

// EarliestEnd returns the earliest date a membership may end if cancelled on 'on'.
func EarliestEnd(ms models.Membership, p models.Plan, on time.Time) time.Time {
	notice := on.AddDate(0, 0, CancelNoticeDays)
	minTerm := ms.StartDate.AddDate(0, p.MinTermMonths, 0)
	if minTerm.After(notice) {
		return minTerm
	}
	return notice
}

// CanTransition guards status changes.
func CanTransition(from, to models.MemberStatus) bool {
	allowed := map[models.MemberStatus][]models.MemberStatus{
		models.MemberLead:      {models.MemberActive, models.MemberCancelled},
		models.MemberActive:    {models.MemberFrozen, models.MemberSuspended, models.MemberCancelled},
		models.MemberFrozen:    {models.MemberActive, models.MemberCancelled},
		models.MemberSuspended: {models.MemberActive, models.MemberCancelled},
	}
	for _, s := range allowed[from] {
		if s == to {
			return true
		}
	}
	return false
}

// IsOffPeak reports whether t falls into off-peak hours (weekdays 10:00–16:00, weekends after 14:00).
func IsOffPeak(t time.Time) bool {
	h := t.Hour()
	switch t.Weekday() {
	case time.Saturday, time.Sunday:
		return h >= 14
	default:
		return h >= 10 && h < 16
	}
}
