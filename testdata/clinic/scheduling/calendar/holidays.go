package calendar

import (
	"time"

	"github.com/acme/clinic/pkg/timeutil"
)

// USHolidays returns the federal holidays the clinic closes for, keyed by
// date. Observed dates shift Saturday holidays to Friday and Sunday ones
// to Monday.
func USHolidays(year int) map[string]string {
	out := map[string]string{}
	add := func(t time.Time, name string) {
		switch t.Weekday() {
		case time.Saturday:
			t = t.AddDate(0, 0, -1)
		case time.Sunday:
			t = t.AddDate(0, 0, 1)
		}
		out[t.Format(timeutil.DateLayout)] = name
	}
	date := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }

	add(date(time.January, 1), "New Year's Day")
	add(nthWeekday(year, time.January, time.Monday, 3), "Martin Luther King Jr. Day")
	add(lastWeekday(year, time.May, time.Monday), "Memorial Day")
	add(date(time.June, 19), "Juneteenth")
	add(date(time.July, 4), "Independence Day")
	add(nthWeekday(year, time.September, time.Monday, 1), "Labor Day")
	add(date(time.November, 11), "Veterans Day")
	thanksgiving := nthWeekday(year, time.November, time.Thursday, 4)
	add(thanksgiving, "Thanksgiving")
	out[thanksgiving.AddDate(0, 0, 1).Format(timeutil.DateLayout)] = "Day after Thanksgiving"
	add(date(time.December, 25), "Christmas Day")
	return out
}

func nthWeekday(year int, m time.Month, wd time.Weekday, n int) time.Time {
	t := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	for t.Weekday() != wd {
		t = t.AddDate(0, 0, 1)
	}
	return t.AddDate(0, 0, 7*(n-1))
}

func lastWeekday(year int, m time.Month, wd time.Weekday) time.Time {
	t := time.Date(year, m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	for t.Weekday() != wd {
		t = t.AddDate(0, 0, -1)
	}
	return t
}
