// Package ids generates and validates identifiers: library card numbers,
// item barcodes (both Codabar 14-digit with a mod-10 check digit) and
// opaque request ids.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
)

const (
	PatronPrefix = "2"
	ItemPrefix   = "3"
	// Institution code assigned to the city library by the consortium.
	InstitutionCode = "1047"
)

func RequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// NewCardNumber generates a 14 digit patron barcode: prefix, institution
// code, 8 random digits and a check digit.
func NewCardNumber() (string, error) {
	return newBarcode(PatronPrefix)
}

func NewItemBarcode() (string, error) {
	return newBarcode(ItemPrefix)
}

func newBarcode(prefix string) (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(100_000_000))
	if err != nil {
		return "", err
	}
	body := fmt.Sprintf("%s%s%08d", prefix, InstitutionCode, n.Int64())
	return body + string(rune('0'+checkDigit(body))), nil
}

// checkDigit computes the Luhn-style check digit used on Codabar labels.
func checkDigit(body string) int {
	sum := 0
	double := true
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return (10 - sum%10) % 10
}

func valid(code, prefix string) bool {
	code = strings.TrimSpace(code)
	if len(code) != 14 || !strings.HasPrefix(code, prefix) {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return checkDigit(code[:13]) == int(code[13]-'0')
}

func ValidCardNumber(code string) bool  { return valid(code, PatronPrefix) }
func ValidItemBarcode(code string) bool { return valid(code, ItemPrefix) }
