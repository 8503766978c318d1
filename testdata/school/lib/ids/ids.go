// Package ids parses numeric ids and generates tokens and student numbers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
)

func Parse(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("ids: invalid id %q", s)
	}
	return n, nil
}

func Token(nbytes int) string {
	b := make([]byte, nbytes)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// StudentNumber builds the district local id: 2-digit year of entry,
// 3-digit school code, 5-digit sequence, plus a mod-10 check digit.
func StudentNumber(entryYear, schoolCode int, seq int64) string {
	base := fmt.Sprintf("%02d%03d%05d", entryYear%100, schoolCode%1000, seq%100000)
	return base + strconv.Itoa(luhn(base))
}

func luhn(digits string) int {
	sum := 0
	double := true
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return (10 - sum%10) % 10
}
