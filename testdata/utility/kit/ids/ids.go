// Package ids generates prefixed identifiers and customer-facing reference
// numbers with check digits.
package ids

import (
	"crypto/rand"
	"encoding/hex"
)

const (
	PrefixCustomer  = "cus"
	PrefixAccount   = "acc"
	PrefixSite      = "sit"
	PrefixMeter     = "mtr"
	PrefixReading   = "rdg"
	PrefixBill      = "bil"
	PrefixPayment   = "pay"
	PrefixMandate   = "mdt"
	PrefixTicket    = "tkt"
	PrefixWorkOrder = "wko"
	PrefixOutage    = "out"
	PrefixSwitch    = "swi"
	PrefixPlan      = "pln"
	PrefixDebtCase  = "dbt"
	PrefixEvent     = "evt"
)

func New(prefix string) string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return prefix + "_" + hex.EncodeToString(b[:])
}

// LuhnDigit computes the Luhn check digit for a string of decimal digits.
func LuhnDigit(digits string) byte {
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
	return byte('0' + (10-sum%10)%10)
}

// ValidLuhn reports whether the last digit of s is its Luhn check digit.
func ValidLuhn(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return LuhnDigit(s[:len(s)-1]) == s[len(s)-1]
}
