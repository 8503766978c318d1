// Package timeutil has the clock abstraction and the small date helpers
// that keep turning up in scheduling, rostering and reports.
package timeutil

import (
	"fmt"
	"sort"
	"time"
)

// DateLayout is the wire format for calendar dates.
const DateLayout = "2006-01-02"

// Clock abstracts time.Now for tests.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock, always in UTC.
type SystemClock struct{}

func (SystemClock) Now() time.Time { return time.Now().UTC() }

// FixedClock always returns T.
type FixedClock struct{ T time.Time }

func (c FixedClock) Now() time.Time { return c.T }

// Range is a half-open interval [Start, End).
type Range struct {
	Start time.Time
	End   time.Time
}

func (r Range) Valid() bool               { return r.End.After(r.Start) }
func (r Range) Duration() time.Duration   { return r.End.Sub(r.Start) }
func (r Range) Contains(t time.Time) bool { return !t.Before(r.Start) && t.Before(r.End) }
func (r Range) Overlaps(o Range) bool     { return r.Start.Before(o.End) && o.Start.Before(r.End) }
func (r Range) Covers(o Range) bool       { return !o.Start.Before(r.Start) && !o.End.After(r.End) }
func (r Range) String() string {
	return fmt.Sprintf("%s–%s", r.Start.Format(time.RFC3339), r.End.Format(time.RFC3339))
}
func (r Range) In(loc *time.Location) Range { return Range{r.Start.In(loc), r.End.In(loc)} }

// Merge sorts ranges and joins the ones that touch or overlap.
func Merge(rs []Range) []Range {
	if len(rs) == 0 {
		return nil
	}
	sorted := append([]Range(nil), rs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start.Before(sorted[j].Start) })
	out := []Range{sorted[0]}
	for _, r := range sorted[1:] {
		last := &out[len(out)-1]
		if !r.Start.After(last.End) {
			if r.End.After(last.End) {
				last.End = r.End
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// StartOfDay returns midnight of t's day in t's location.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// Day returns the whole day containing t.
func Day(t time.Time) Range {
	start := StartOfDay(t)
	return Range{Start: start, End: start.AddDate(0, 0, 1)}
}

// ParseDate parses a YYYY-MM-DD date in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation(DateLayout, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("timeutil: bad date %q, want YYYY-MM-DD", s)
	}
	return t, nil
}

// AgeAt returns whole years between dob and at.
func AgeAt(dob, at time.Time) int {
	years := at.Year() - dob.Year()
	if at.YearDay() < dob.YearDay() {
		years--
	}
	if years < 0 {
		return 0
	}
	return years
}

// DaysBetween counts calendar days from a to b (negative when b is before a).
func DaysBetween(a, b time.Time) int {
	return int(StartOfDay(b).Sub(StartOfDay(a)).Hours() / 24)
}
