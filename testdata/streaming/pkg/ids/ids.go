// Package ids generates and validates prefixed opaque identifiers (e.g. "ttl_3f9a...").
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

const (
	Title        = "ttl"
	Episode      = "epi"
	Season       = "ssn"
	Window       = "win"
	Job          = "job"
	Rendition    = "rnd"
	Session      = "pbs"
	License      = "lic"
	Account      = "acc"
	Profile      = "prf"
	Subscription = "sub"
	Invoice      = "inv"
	Payment      = "pay"
	Campaign     = "cmp"
	Impression   = "imp"
)

// New returns a new identifier with the given prefix.
func New(prefix string) string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("ids: crypto/rand failed: " + err.Error())
	}
	return prefix + "_" + hex.EncodeToString(b[:])
}

// Valid reports whether id looks like an identifier with the prefix.
func Valid(prefix, id string) bool {
	rest, ok := strings.CutPrefix(id, prefix+"_")
	if !ok || len(rest) != 20 {
		return false
	}
	_, err := hex.DecodeString(rest)
	return err == nil
}
