// Package ids generates prefixed random identifiers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

const (
	Member     = "mbr"
	Membership = "msp"
	Invoice    = "inv"
	Mandate    = "ddm"
	Booking    = "bkg"
	Session    = "ses"
	Order      = "ord"
	Campaign   = "cmp"
	CheckIn    = "chk"
	Card       = "crd"
)

// New returns prefix_<16 hex chars>.
func New(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return prefix + "_" + hex.EncodeToString(b[:])
}

// HasPrefix checks an id's type.
func HasPrefix(id, prefix string) bool { return strings.HasPrefix(id, prefix+"_") }

// MandateReference builds the bank reference shown on statements (max 18 chars).
func MandateReference(memberID string) string {
	ref := "PULSE-" + strings.ToUpper(strings.TrimPrefix(memberID, Member+"_"))
	if len(ref) > 18 {
		ref = ref[:18]
	}
	return ref
}
