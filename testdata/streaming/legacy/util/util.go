// Package util is the original grab-bag of helpers from the 2019 monolith.
// New code should prefer pkg/*; a few things still depend on it.
package util

import (
	"strings"
	"time"
	"unicode/utf8"
)

// StringInSlice reports whether s is in list.
func StringInSlice(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Truncate shortens s to at most n runes, appending an ellipsis.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// MaskCard masks all but the last four characters of a card or code.
func MaskCard(s string) string {
	if len(s) <= 4 {
		return s
	}
	return strings.Repeat("*", len(s)-4) + s[len(s)-4:]
}

var looseLayouts = []string{time.RFC3339, "2006-01-02", "2006/01/02", "01/02/2006", "2006-01-02 15:04:05"}

// ParseDateLoose accepts the half-dozen formats partners send us.
func ParseDateLoose(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range looseLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// AgeFromBirthYear returns an approximate age.
func AgeFromBirthYear(year int, now time.Time) int {
	if year <= 0 {
		return -1
	}
	return now.Year() - year
}

// NormalizeCode upper-cases and strips dashes/spaces from human-entered codes.
func NormalizeCode(s string) string {
	s = strings.ToUpper(s)
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, s)
}
