// Package ids generates prefixed, sortable identifiers like "ord_01h...".
package ids

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

const (
	Shop     = "shp"
	Listing  = "lst"
	Cart     = "crt"
	Order    = "ord"
	Payment  = "pay"
	Payout   = "po"
	Review   = "rev"
	Thread   = "thr"
	Message  = "msg"
	Dispute  = "dsp"
	Shipment = "shm"
	User     = "usr"
)

var enc = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// New returns prefix_<time-ordered random>.
func New(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli()))
	_, _ = rand.Read(b[8:])
	return prefix + "_" + enc.EncodeToString(b[:])
}

// HasPrefix validates that id was generated with prefix.
func HasPrefix(id, prefix string) bool {
	return strings.HasPrefix(id, prefix+"_") && len(id) > len(prefix)+10
}
