// Package dates has calendar helpers: pay periods, business days, quarters.
package dates

import (
	"fmt"
	"time"
)

// Date is a calendar date without time of day, in UTC.
type Date struct{ time.Time }

// Day builds a Date.
func Day(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// Of truncates t to its date.
func Of(t time.Time) Date { return Day(t.Year(), t.Month(), t.Day()) }

// Today returns today's date in UTC.
func Today() Date { return Of(time.Now().UTC()) }

// Parse parses YYYY-MM-DD.
func Parse(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("dates: %w", err)
	}
	return Date{t}, nil
}

// String formats as YYYY-MM-DD.
func (d Date) String() string { return d.Format("2006-01-02") }

// AddDays returns d+n days.
func (d Date) AddDays(n int) Date { return Date{d.Time.AddDate(0, 0, n)} }

// IsWeekend reports Saturday or Sunday.
func (d Date) IsWeekend() bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// Period is an inclusive date range.
type Period struct {
	Start Date `json:"start"`
	End   Date `json:"end"`
}

// Contains reports whether d falls in p.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start.Time) && !d.After(p.End.Time) }

// Days returns the number of calendar days in p.
func (p Period) Days() int { return int(p.End.Sub(p.Start.Time).Hours()/24) + 1 }

// BusinessDays counts weekdays in p.
func (p Period) BusinessDays() int {
	n := 0
	for d := p.Start; !d.After(p.End.Time); d = d.AddDays(1) {
		if !d.IsWeekend() {
			n++
		}
	}
	return n
}

// Overlap returns the number of days p and o share.
func (p Period) Overlap(o Period) int {
	start, end := p.Start, p.End
	if o.Start.After(start.Time) {
		start = o.Start
	}
	if o.End.Before(end.Time) {
		end = o.End
	}
	if end.Before(start.Time) {
		return 0
	}
	return Period{start, end}.Days()
}

// Frequency is a pay frequency.
type Frequency string

const (
	Weekly      Frequency = "weekly"
	Biweekly    Frequency = "biweekly"
	Semimonthly Frequency = "semimonthly"
	Monthly     Frequency = "monthly"
)

// PeriodsPerYear returns how many pay periods a frequency has per year.
func (f Frequency) PeriodsPerYear() int {
	switch f {
	case Weekly:
		return 52
	case Biweekly:
		return 26
	case Semimonthly:
		return 24
	default:
		return 12
	}
}

// NextPeriod returns the pay period following prev for frequency f.
func NextPeriod(f Frequency, prev Period) Period {
	start := prev.End.AddDays(1)
	switch f {
	case Weekly:
		return Period{start, start.AddDays(6)}
	case Biweekly:
		return Period{start, start.AddDays(13)}
	case Semimonthly:
		if start.Day() == 1 {
			return Period{start, Day(start.Year(), start.Month(), 15)}
		}
		return Period{start, Day(start.Year(), start.Month()+1, 1).AddDays(-1)}
	default:
		return Period{start, Date{start.AddDate(0, 1, -1)}}
	}
}

// Quarter returns the calendar quarter (1-4) of d.
func Quarter(d Date) int { return (int(d.Month())-1)/3 + 1 }

// QuarterPeriod returns the period of quarter q in year.
func QuarterPeriod(year, q int) Period {
	start := Day(year, time.Month((q-1)*3+1), 1)
	return Period{start, Date{start.AddDate(0, 3, -1)}}
}

// PreviousBusinessDay steps back over weekends.
func PreviousBusinessDay(d Date) Date {
	for d.IsWeekend() {
		d = d.AddDays(-1)
	}
	return d
}
