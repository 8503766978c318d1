// Package util is the grab bag. Please do not add to it; see platform/.
package util

import (
	"regexp"
	"strings"
	"unicode"
)

// Coalesce returns the first non-empty string.
func Coalesce(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// Truncate cuts s to n runes, adding an ellipsis.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n <= 1 {
		return string(r[:n])
	}
	return string(r[:n-1]) + "…"
}

var nonDigit = regexp.MustCompile(`\D`)

// NormalizePhone returns +1XXXXXXXXXX for US numbers, or "" if invalid.
func NormalizePhone(p string) string {
	d := nonDigit.ReplaceAllString(p, "")
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) != 10 {
		return ""
	}
	return "+1" + d
}

// NormalizeZip keeps the 5-digit ZIP.
func NormalizeZip(z string) string {
	z = strings.TrimSpace(z)
	if i := strings.IndexByte(z, '-'); i > 0 {
		z = z[:i]
	}
	if len(z) > 5 {
		z = z[:5]
	}
	return z
}

// MaskCard shows the last four digits of a PAN.
func MaskCard(pan string) string {
	d := nonDigit.ReplaceAllString(pan, "")
	if len(d) < 4 {
		return "****"
	}
	return strings.Repeat("*", len(d)-4) + d[len(d)-4:]
}

// TitleCase upper-cases the first letter of each word (names from the
// legacy mainframe import arrive in all caps).
func TitleCase(s string) string {
	prev := ' '
	return strings.Map(func(r rune) rune {
		defer func() { prev = r }()
		if unicode.IsSpace(prev) || prev == '-' || prev == '\'' {
			return unicode.ToUpper(r)
		}
		return unicode.ToLower(r)
	}, s)
}

// PolicyRef strips dashes and spaces from a policy number typed by a
// customer on the phone ("hm a ny 0001234" -> "HMANY0001234"). It lives here
// because billing, claims and the IVR all needed it in 2017.
func PolicyRef(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}
