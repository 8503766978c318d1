package gateway

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Errors from Verify.
var (
	ErrBadSignature = errors.New("gateway: bad webhook signature")
	ErrStale        = errors.New("gateway: webhook timestamp outside tolerance")
)

// Sign computes the signature header for payload: "t=<unix>,v1=<hex hmac>".
func Sign(payload []byte, secret string, at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(ts, payload, secret)
}

// Verify checks a signature header produced by Sign.
func Verify(payload []byte, header, secret string, now time.Time, tolerance time.Duration) error {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	if ts == "" || sig == "" {
		return ErrBadSignature
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	if !hmac.Equal([]byte(sig), []byte(mac(ts, payload, secret))) {
		return ErrBadSignature
	}
	return nil
}

func mac(ts string, payload []byte, secret string) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(ts))
	h.Write([]byte{'.'})
	h.Write(payload)
	return hex.EncodeToString(h.Sum(nil))
}
