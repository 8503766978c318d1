// Package clock gives services an injectable notion of "today".
package clock

import "time"

type Clock interface {
	Now() time.Time
}

type Real struct{ Loc *time.Location }

func (r Real) Now() time.Time {
	if r.Loc == nil {
		return time.Now()
	}
	return time.Now().In(r.Loc)
}

type Fixed struct{ T time.Time }

func (f Fixed) Now() time.Time { return f.T }

func Date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// SchoolYear returns the year a school year ends in (2025-26 -> 2026).
func SchoolYear(t time.Time) int {
	if t.Month() >= time.July {
		return t.Year() + 1
	}
	return t.Year()
}

// AgeOn returns completed years of age on the given date.
func AgeOn(dob, on time.Time) int {
	age := on.Year() - dob.Year()
	if on.Month() < dob.Month() || (on.Month() == dob.Month() && on.Day() < dob.Day()) {
		age--
	}
	return age
}

func IsWeekday(t time.Time) bool {
	return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
}
