// Package ids generates prefixed random identifiers such as "app_9f2c...".
package ids

import (
	"crypto/rand"
	"encoding/hex"
)

// New returns prefix + "_" + 16 random hex characters.
func New(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("ids: entropy unavailable: " + err.Error())
	}
	return prefix + "_" + hex.EncodeToString(b[:])
}
