// Package util is the grab bag that every codebase ends up with.
package util

import (
	"regexp"
	"strings"
	"time"
)

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify lowercases s and replaces runs of non-alphanumerics with '-'.
func Slugify(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// BusinessDate returns the restaurant's business date for t. Anything before
// cutoverHour local time counts toward the previous day (late-night service).
func BusinessDate(t time.Time, cutoverHour int) time.Time {
	if t.Hour() < cutoverHour {
		t = t.AddDate(0, 0, -1)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// BusinessDayBounds returns [start, end) of the business day for date.
func BusinessDayBounds(date time.Time, cutoverHour int) (time.Time, time.Time) {
	start := time.Date(date.Year(), date.Month(), date.Day(), cutoverHour, 0, 0, 0, date.Location())
	return start, start.AddDate(0, 0, 1)
}

// RoundToQuarter rounds t to the nearest 15 minutes (payroll rounding rule).
func RoundToQuarter(t time.Time) time.Time {
	return t.Round(15 * time.Minute)
}

// ParseDate parses YYYY-MM-DD in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	return time.ParseInLocation("2006-01-02", s, loc)
}

// ContainsInt64 reports whether xs contains x.
func ContainsInt64(xs []int64, x int64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// NormalizePhone keeps digits only and prefixes US numbers with 1.
func NormalizePhone(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if len(d) == 10 {
		d = "1" + d
	}
	return d
}
