// Package ids generates the prefixed identifiers used throughout the platform
// (e.g. "res_8f3k2..." for reservations) and guest-facing confirmation codes.
package ids

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

var enc = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// New returns prefix + "_" + 16 random base32 characters.
func New(prefix string) string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("ids: crypto/rand failed: " + err.Error())
	}
	return prefix + "_" + enc.EncodeToString(b[:])
}

// confirmation alphabet avoids characters guests confuse on the phone.
const confAlphabet = "ACDEFGHJKLMNPQRTUVWXY34679"

// ConfirmationCode returns an 8 character code such as "SB-K7MD4QXA".
func ConfirmationCode() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("ids: crypto/rand failed: " + err.Error())
	}
	var sb strings.Builder
	sb.WriteString("SB-")
	for _, c := range b {
		sb.WriteByte(confAlphabet[int(c)%len(confAlphabet)])
	}
	return sb.String()
}
