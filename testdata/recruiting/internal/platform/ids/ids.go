// Package ids generates prefixed, sortable identifiers and opaque tokens.
package ids

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"time"
)

// Prefixes used across the system. Historical, do not change.
const (
	Tenant      = "ten"
	User        = "usr"
	Requisition = "req"
	Approval    = "apv"
	Posting     = "pst"
	Candidate   = "cnd"
	Resume      = "rsm"
	Application = "app"
	Interview   = "int"
	Scorecard   = "scd"
	Offer       = "ofr"
	Referral    = "ref"
	Check       = "bgc"
	Invoice     = "inv"
	Department  = "dep"
)

var enc = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// New returns an id such as "req_01hx3..." whose first part sorts by time.
func New(prefix string) string {
	var b [10]byte
	ms := uint64(time.Now().UnixMilli())
	for i := 5; i >= 0; i-- {
		b[i] = byte(ms)
		ms >>= 8
	}
	if _, err := rand.Read(b[6:]); err != nil {
		panic(fmt.Sprintf("ids: entropy: %v", err))
	}
	return prefix + "_" + enc.EncodeToString(b[:])
}

// Token returns a random URL-safe secret of n bytes of entropy.
func Token(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("ids: entropy: %v", err))
	}
	return enc.EncodeToString(b)
}

// Hash returns the hex sha256 of a secret, for storage.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
