// Package ids generates prefixed, sortable-enough random identifiers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"time"
)

// New returns an identifier like "art_18f2c3a1b2c3d4e5f6a7b8c9".
func New(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	ts := strconv.FormatInt(time.Now().UnixMilli(), 16)
	return prefix + "_" + ts + hex.EncodeToString(b[:])
}

// Token returns a random URL-safe token of n bytes.
func Token(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
