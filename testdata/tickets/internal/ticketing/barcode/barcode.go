// Package barcode mints and verifies the signed payloads encoded in ticket
// QR codes. Format: "GH2.<base32 payload>.<base32 mac>", where the payload
// is ticketID|eventID|version. The gate verifies offline with the same key.
package barcode

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strconv"
	"strings"

	"gatehouse.events/platform/internal/platform/errs"
)

const prefix = "GH2"

var enc = base32.StdEncoding.WithPadding(base32.NoPadding)

// Payload is the decoded barcode content.
type Payload struct {
	TicketID string
	EventID  string
	Version  int
}

// Codec signs and verifies barcodes.
type Codec struct{ key []byte }

// NewCodec builds a codec from the HMAC key.
func NewCodec(key string) *Codec { return &Codec{key: []byte(key)} }

// Encode returns the barcode text for a ticket.
func (c *Codec) Encode(p Payload) string {
	body := enc.EncodeToString([]byte(p.TicketID + "|" + p.EventID + "|" + strconv.Itoa(p.Version)))
	return prefix + "." + body + "." + c.mac(body)
}

// Decode verifies and parses barcode text.
func (c *Codec) Decode(code string) (Payload, error) {
	const op = "barcode.Decode"
	parts := strings.Split(strings.TrimSpace(code), ".")
	if len(parts) != 3 || parts[0] != prefix {
		return Payload{}, errs.Invalid(op, "unrecognised barcode format")
	}
	if !hmac.Equal([]byte(parts[2]), []byte(c.mac(parts[1]))) {
		return Payload{}, errs.Invalid(op, "barcode signature mismatch")
	}
	raw, err := enc.DecodeString(parts[1])
	if err != nil {
		return Payload{}, errs.Invalid(op, "corrupt barcode")
	}
	f := strings.Split(string(raw), "|")
	if len(f) != 3 {
		return Payload{}, errs.Invalid(op, "corrupt barcode")
	}
	v, err := strconv.Atoi(f[2])
	if err != nil {
		return Payload{}, errs.Invalid(op, "corrupt barcode")
	}
	return Payload{TicketID: f[0], EventID: f[1], Version: v}, nil
}

func (c *Codec) mac(body string) string {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(body))
	return enc.EncodeToString(m.Sum(nil)[:10])
}

// Hash is the digest stored in offline scanner manifests, so a stolen
// scanner does not leak valid barcodes.
func Hash(code string) string {
	s := sha256.Sum256([]byte(code))
	return hex.EncodeToString(s[:16])
}
