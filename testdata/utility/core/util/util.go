// Package util is the original grab-bag from the first year of the platform.
// New code should prefer the kit/ packages; this stays because half of core/
// still calls it.
package util

import (
	"regexp"
	"strings"
	"time"
	"unicode"
)

var postcodeRe = regexp.MustCompile(`^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$`)

// NormalisePostcode upper-cases a UK postcode and inserts the single space.
// It returns "" if the postcode is not valid.
func NormalisePostcode(pc string) string {
	pc = strings.ToUpper(strings.Join(strings.Fields(pc), ""))
	m := postcodeRe.FindStringSubmatch(pc)
	if m == nil {
		return ""
	}
	return m[1] + " " + m[2]
}

// PostcodeDistrict returns the outward code ("SW1A" of "SW1A 1AA").
func PostcodeDistrict(pc string) string {
	if i := strings.IndexByte(pc, ' '); i > 0 {
		return pc[:i]
	}
	return pc
}

func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween counts whole days from a to b (b exclusive).
func DaysBetween(a, b time.Time) int {
	return int(Day(b).Sub(Day(a)).Hours() / 24)
}

// bankHolidays is maintained by hand each December (England & Wales).
var bankHolidays = map[string]bool{
	"2025-01-01": true, "2025-04-18": true, "2025-04-21": true, "2025-05-05": true,
	"2025-05-26": true, "2025-08-25": true, "2025-12-25": true, "2025-12-26": true,
	"2026-01-01": true, "2026-04-03": true, "2026-04-06": true, "2026-05-04": true,
	"2026-05-25": true, "2026-08-31": true, "2026-12-25": true, "2026-12-28": true,
}

func IsWorkingDay(t time.Time) bool {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !bankHolidays[t.Format("2006-01-02")]
}

// AddWorkingDays moves n working days forward from t.
func AddWorkingDays(t time.Time, n int) time.Time {
	d := Day(t)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts working days after a up to and including b.
func WorkingDaysBetween(a, b time.Time) int {
	n := 0
	for d := Day(a).AddDate(0, 0, 1); !d.After(Day(b)); d = d.AddDate(0, 0, 1) {
		if IsWorkingDay(d) {
			n++
		}
	}
	return n
}

func Mask(s string, keep int) string {
	if len(s) <= keep {
		return s
	}
	return strings.Repeat("*", len(s)-keep) + s[len(s)-keep:]
}

func DigitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}
