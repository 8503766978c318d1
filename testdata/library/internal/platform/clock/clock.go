// Package clock abstracts time so that due dates and fines are testable.
package clock

import "time"

// Library business days are computed in the city's local time.
var Local = mustLoad("America/Toronto")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

type Clock interface {
	Now() time.Time
}

type System struct{}

func (System) Now() time.Time { return time.Now().In(Local) }

type Fixed struct{ T time.Time }

func (f Fixed) Now() time.Time { return f.T }

// Day truncates t to local midnight.
func Day(t time.Time) time.Time {
	t = t.In(Local)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Local)
}

// DaysBetween counts whole local days from a to b (negative if b < a).
func DaysBetween(a, b time.Time) int {
	return int(Day(b).Sub(Day(a)).Hours() / 24)
}

// EndOfDay returns 23:59 local on the day of t; items are due at closing.
func EndOfDay(t time.Time) time.Time {
	d := Day(t)
	return d.Add(23*time.Hour + 59*time.Minute)
}
