package db

import (
	"crypto/rand"
	"encoding/hex"
)

// NewID returns a random identifier like "emp_3f9a0c...".
func NewID(prefix string) string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return prefix + "_" + hex.EncodeToString(b[:])
}
