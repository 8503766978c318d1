// Package dates has policy-term and calendar helpers. All dates are handled
// in the company's home timezone (America/New_York) at midnight.
package dates

import (
	"time"
)

const Layout = "2006-01-02"

var Home = mustLoc("America/New_York")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Clock lets batch jobs run "as of" a date.
type Clock interface{ Now() time.Time }

type SystemClock struct{}

func (SystemClock) Now() time.Time { return time.Now().In(Home) }

// FixedClock always returns T; used by the nightly --as-of flag.
type FixedClock struct{ T time.Time }

func (f FixedClock) Now() time.Time { return f.T }

// Day truncates t to midnight in Home.
func Day(t time.Time) time.Time {
	t = t.In(Home)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Home)
}

func Today(c Clock) time.Time { return Day(c.Now()) }

// AddMonths adds months, clamping to the end of month (Jan 31 + 1 = Feb 28).
func AddMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, t.Hour(), t.Minute(), t.Second(), 0, t.Location())
}

// DaysBetween counts whole days from a to b.
func DaysBetween(a, b time.Time) int {
	return int(Day(b).Sub(Day(a)).Hours() / 24)
}

// ProRata returns the unearned fraction of a term at asOf.
func ProRata(start, end, asOf time.Time) float64 {
	total := DaysBetween(start, end)
	if total <= 0 {
		return 0
	}
	remaining := DaysBetween(asOf, end)
	if remaining < 0 {
		return 0
	}
	if remaining > total {
		return 1
	}
	return float64(remaining) / float64(total)
}

// Parse parses YYYY-MM-DD in Home.
func Parse(s string) (time.Time, error) {
	return time.ParseInLocation(Layout, s, Home)
}
