// Package ids generates prefixed, URL-safe identifiers such as
// "ord_9f86d081884c7d659a2f".
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
)

// Generator creates identifiers.
type Generator interface {
	New(prefix string) string
}

// Random generates identifiers from crypto/rand.
type Random struct{}

// New implements Generator.
func (Random) New(prefix string) string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return prefix + "_" + hex.EncodeToString(b[:])
}

// Sequence generates predictable identifiers, for tests and fixtures.
type Sequence struct {
	mu sync.Mutex
	n  map[string]int
}

// New implements Generator.
func (s *Sequence) New(prefix string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n == nil {
		s.n = map[string]int{}
	}
	s.n[prefix]++
	return fmt.Sprintf("%s_%020d", prefix, s.n[prefix])
}

// Prefix returns the prefix of id.
func Prefix(id string) string {
	p, _, ok := strings.Cut(id, "_")
	if !ok {
		return ""
	}
	return p
}

// Valid reports whether id looks like an identifier with the given prefix.
func Valid(id, prefix string) bool {
	p, rest, ok := strings.Cut(id, "_")
	if !ok || p != prefix || len(rest) != 20 {
		return false
	}
	for _, r := range rest {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}
