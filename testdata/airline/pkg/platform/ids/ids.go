// Package ids generates identifiers used across the backend.
package ids

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
)

// New returns a random 128-bit identifier in hex form.
func New() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

// locatorAlphabet omits characters that are easily confused at an airport
// counter (0/O, 1/I/L).
const locatorAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// Code returns a random code of n characters from the locator alphabet.
func Code(n int) string {
	out := make([]byte, n)
	max := big.NewInt(int64(len(locatorAlphabet)))
	for i := range out {
		v, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		out[i] = locatorAlphabet[v.Int64()]
	}
	return string(out)
}

// FlightKey is the natural key of an operated flight, e.g. "SH123/2024-05-01".
func FlightKey(carrier string, number int, date string) string {
	return fmt.Sprintf("%s%d/%s", carrier, number, date)
}
