// Package clock abstracts "now" and has the date arithmetic that keeps
// coming up in billing periods, driving hours and service intervals.
package clock

import (
	"fmt"
	"time"
)

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

type system struct{}

func (system) Now() time.Time { return time.Now().UTC() }

// System is the wall clock in UTC.
var System Clock = system{}

// Fixed is a clock stuck at T; used by tests and by backfills.
type Fixed struct{ T time.Time }

func (f Fixed) Now() time.Time { return f.T }

// Local is where fleet operations are planned.
var Local = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// StartOfDay returns midnight of t's day in loc.
func StartOfDay(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// StartOfWeek returns Monday 00:00 of t's week in loc.
func StartOfWeek(t time.Time, loc *time.Location) time.Time {
	d := StartOfDay(t, loc)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// Period is a half-open interval [From, To).
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Contains reports whether t is within p.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

// Duration of the period.
func (p Period) Duration() time.Duration { return p.To.Sub(p.From) }

func (p Period) String() string {
	return fmt.Sprintf("%s..%s", p.From.Format(time.DateOnly), p.To.Format(time.DateOnly))
}

// Month returns the calendar month containing t, in loc.
func Month(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return Period{From: from, To: from.AddDate(0, 1, 0)}
}

// PreviousMonth is the month before the one containing t.
func PreviousMonth(t time.Time, loc *time.Location) Period {
	return Month(Month(t, loc).From.AddDate(0, 0, -1), loc)
}
