// Package msisdn normalises and validates subscriber phone numbers (E.164).
package msisdn

import (
	"errors"
	"strings"
)

var ErrInvalid = errors.New("msisdn: invalid number")

// Normalize converts national or international input to E.164 digits
// without '+', e.g. "07700 900123" -> "447700900123" for country code 44.
func Normalize(raw, countryCode string) (string, error) {
	var b strings.Builder
	for _, r := range raw {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0:
			// international prefix, drop
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return "", ErrInvalid
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "00"):
		d = d[2:]
	case strings.HasPrefix(d, "0"):
		d = countryCode + d[1:]
	}
	if len(d) < 8 || len(d) > 15 {
		return "", ErrInvalid
	}
	return d, nil
}

// Valid reports whether s is already normalised.
func Valid(s string) bool {
	if len(s) < 8 || len(s) > 15 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
