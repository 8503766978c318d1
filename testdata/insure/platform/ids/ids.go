// Package ids generates external references and business numbers.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
)

// New returns prefix_<16 hex chars>, e.g. "qt_9f2c..." for quotes.
func New(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return prefix + "_" + hex.EncodeToString(b[:])
}

// Correlation returns an id for request and batch correlation.
func Correlation() string { return New("req") }

// PolicyNumber formats HM-<LOB>-<state>-<7 digit seq>.
func PolicyNumber(lob, state string, seq int64) string {
	return fmt.Sprintf("HM-%s-%s-%07d", strings.ToUpper(lob[:1]), strings.ToUpper(state), seq)
}

// ClaimNumber formats CL<yy><8 digit seq>.
func ClaimNumber(year int, seq int64) string {
	return fmt.Sprintf("CL%02d%08d", year%100, seq)
}

// InvoiceNumber formats INV-<policy seq>-<installment>.
func InvoiceNumber(policyID int64, installment int) string {
	return fmt.Sprintf("INV-%d-%02d", policyID, installment)
}
