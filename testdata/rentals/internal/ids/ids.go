// Package ids generates prefixed, sortable-enough identifiers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// New returns an identifier like "lse_01hx3k9c2f8a7b6d".
func New(prefix string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	ts := strconv.FormatInt(time.Now().UnixMilli(), 36)
	return prefix + "_" + ts + hex.EncodeToString(b[:])
}

func HasPrefix(id, prefix string) bool {
	return strings.HasPrefix(id, prefix+"_") && len(id) > len(prefix)+8
}

const (
	Property    = "prp"
	Unit        = "unt"
	Listing     = "lst"
	Application = "app"
	Tenant      = "tnt"
	Lease       = "lse"
	Entry       = "led"
	Payment     = "pay"
	Request     = "mrq"
	WorkOrder   = "wko"
	Vendor      = "vnd"
	Invoice     = "inv"
	Inspection  = "isp"
	Owner       = "own"
	Statement   = "stm"
	Disburse    = "dsb"
	Message     = "msg"
	Thread      = "thr"
	Event       = "evt"
)
