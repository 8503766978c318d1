// Package ids generates identifiers and tracking numbers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
)

// New returns a prefixed random identifier such as "shp_4f1c...".
func New(prefix string) string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return prefix + "_" + hex.EncodeToString(b)
}

// TrackingNumber returns "PG" + 10 digits + a mod-11 check digit.
func TrackingNumber() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1e10))
	if err != nil {
		panic(err)
	}
	digits := fmt.Sprintf("%010d", n.Int64())
	return "PG" + digits + string(checkDigit(digits))
}

// ValidTrackingNumber verifies format and check digit.
func ValidTrackingNumber(s string) bool {
	if len(s) != 13 || s[:2] != "PG" {
		return false
	}
	for _, c := range s[2:12] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return checkDigit(s[2:12]) == s[12]
}

func checkDigit(digits string) byte {
	weights := []int{8, 6, 4, 2, 3, 5, 9, 7, 8, 6}
	sum := 0
	for i := range digits {
		sum += int(digits[i]-'0') * weights[i]
	}
	r := 11 - sum%11
	switch r {
	case 10:
		return '0'
	case 11:
		return '5'
	}
	return byte('0' + r)
}

// RMA returns a short human-friendly return authorisation code.
func RMA() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 8)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		b[i] = alphabet[n.Int64()]
	}
	return "RMA-" + string(b)
}
