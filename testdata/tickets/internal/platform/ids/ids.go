// Package ids generates prefixed, sortable identifiers such as
// "ord_01HV...". The time prefix keeps btree inserts append-mostly.
package ids

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

var enc = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// New returns a new identifier with the given prefix.
func New(prefix string) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli()))
	_, _ = rand.Read(b[8:])
	return prefix + "_" + enc.EncodeToString(b[2:])
}

// Short returns a human-friendly reference (e.g. for order confirmation
// emails), derived from the random tail of id.
func Short(id string) string {
	if i := strings.IndexByte(id, '_'); i >= 0 {
		id = id[i+1:]
	}
	if len(id) > 8 {
		id = id[len(id)-8:]
	}
	return strings.ToUpper(id)
}

// Prefixes used across Gatehouse.
const (
	PrefixEvent      = "evt"
	PrefixVenue      = "ven"
	PrefixOrder      = "ord"
	PrefixHold       = "hld"
	PrefixPayment    = "pay"
	PrefixRefund     = "rfd"
	PrefixTicket     = "tkt"
	PrefixFan        = "fan"
	PrefixPromoter   = "prm"
	PrefixSettlement = "stl"
	PrefixScan       = "scn"
	PrefixCampaign   = "cmp"
)
