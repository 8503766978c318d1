// Package ids generates the prefixed, time-ordered identifiers used for
// every entity ("veh_01J2...", "trp_01J2..."). They sort by creation time,
// which keeps the btree indexes happy.
package ids

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
	"sync"
	"time"
)

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz" // Crockford base32, lower case

// Well-known prefixes; some packages define their own.
const (
	Vehicle  = "veh"
	Driver   = "drv"
	Trip     = "trp"
	Customer = "cus"
	Invoice  = "inv"
)

var (
	mu   sync.Mutex
	last int64
	seq  uint16
)

// New returns a fresh ID with prefix.
func New(prefix string) string {
	mu.Lock()
	ms := time.Now().UnixMilli()
	if ms == last {
		seq++
	} else {
		last, seq = ms, 0
	}
	s := seq
	mu.Unlock()

	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(ms)<<16|uint64(s))
	_, _ = rand.Read(b[8:])

	var sb strings.Builder
	sb.WriteString(prefix + "_")
	var acc uint64
	bits := 0
	for _, c := range b {
		acc = acc<<8 | uint64(c)
		for bits += 8; bits >= 5; bits -= 5 {
			sb.WriteByte(alphabet[(acc>>uint(bits-5))&31])
		}
	}
	if bits > 0 {
		sb.WriteByte(alphabet[(acc<<uint(5-bits))&31])
	}
	return sb.String()
}
