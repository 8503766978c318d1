// Package idgen makes the prefixed, sortable-enough identifiers used as
// primary keys ("pat_8x2k...", "apt_..."). Prefixes make support tickets
// much easier to read.
package idgen

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"time"
)

var enc = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// New returns prefix_<time><random>.
func New(prefix string) string {
	var b [15]byte
	binary.BigEndian.PutUint32(b[:4], uint32(time.Now().Unix()))
	if _, err := rand.Read(b[4:]); err != nil {
		panic("idgen: crypto/rand failed: " + err.Error())
	}
	return prefix + "_" + enc.EncodeToString(b[:])
}

// Digits returns n random decimal digits.
func Digits(n int) string {
	buf := make([]byte, n)
	if _, err := rand.Read(buf); err != nil {
		panic("idgen: crypto/rand failed: " + err.Error())
	}
	for i := range buf {
		buf[i] = '0' + buf[i]%10
	}
	return string(buf)
}
