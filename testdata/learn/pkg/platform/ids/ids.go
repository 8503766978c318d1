// Package ids generates sortable, URL-safe identifiers.
package ids

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

var enc = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// New returns a 26-char, time-prefixed identifier with the given prefix,
// e.g. "usr_01h8...".
func New(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16)
	_, _ = rand.Read(b[6:])
	id := enc.EncodeToString(b[:])
	if prefix == "" {
		return id
	}
	return prefix + "_" + id
}

// Prefix returns the prefix part of an id ("usr" for "usr_...").
func Prefix(id string) string {
	if i := strings.IndexByte(id, '_'); i > 0 {
		return id[:i]
	}
	return ""
}

// Token returns n random bytes, base32-encoded; used for reset links etc.
func Token(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return enc.EncodeToString(b)
}
