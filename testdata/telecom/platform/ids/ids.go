// Package ids generates prefixed opaque identifiers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// New returns e.g. "sub_0190a1b2c3d4e5f6a7b8" — a time-ordered prefix plus randomness.
func New(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("ids: entropy: %v", err))
	}
	ts := uint64(time.Now().UnixMilli())
	return fmt.Sprintf("%s_%011x%s", prefix, ts, hex.EncodeToString(b[:]))
}

// Token returns a random hex token of n bytes, e.g. for idempotency keys.
func Token(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("ids: entropy: %v", err))
	}
	return hex.EncodeToString(b)
}
