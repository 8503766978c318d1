// Package ids generates prefixed, sortable identifiers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// New returns an id such as "ord_01h9k2...". The time component keeps ids
// roughly sortable in indexes.
func New(prefix string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s_%x%s", prefix, time.Now().UTC().UnixMilli(), hex.EncodeToString(b[:]))
}
