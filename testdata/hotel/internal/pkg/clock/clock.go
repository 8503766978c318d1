// Package clock provides an injectable clock and hotel-night date ranges.
package clock

import (
	"fmt"
	"time"
)

// Clock returns the current time; services take one so jobs can be tested.
type Clock interface {
	Now() time.Time
}

// Real is the wall clock.
type Real struct{}

// Now returns time.Now in UTC.
func (Real) Now() time.Time { return time.Now().UTC() }

const dateLayout = "2006-01-02"

// ParseDate parses YYYY-MM-DD as a UTC midnight.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("clock: invalid date %q", s)
	}
	return t, nil
}

// FormatDate formats t as YYYY-MM-DD.
func FormatDate(t time.Time) string { return t.Format(dateLayout) }

// Day truncates t to UTC midnight.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// InZone returns the calendar day of t in the hotel's timezone.
func InZone(t time.Time, tz string) time.Time {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return Day(t)
	}
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Range is a half-open range of hotel nights [From, To).
type Range struct {
	From time.Time
	To   time.Time
}

// NewRange validates and builds a Range.
func NewRange(from, to time.Time) (Range, error) {
	from, to = Day(from), Day(to)
	if !to.After(from) {
		return Range{}, fmt.Errorf("clock: check-out must be after check-in")
	}
	return Range{From: from, To: to}, nil
}

// Nights returns the number of nights in r.
func (r Range) Nights() int { return int(r.To.Sub(r.From).Hours() / 24) }

// Days returns each night in r.
func (r Range) Days() []time.Time {
	out := make([]time.Time, 0, r.Nights())
	for d := r.From; d.Before(r.To); d = d.AddDate(0, 0, 1) {
		out = append(out, d)
	}
	return out
}

func (r Range) String() string { return FormatDate(r.From) + ".." + FormatDate(r.To) }
