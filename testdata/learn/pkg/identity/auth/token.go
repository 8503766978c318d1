// Package auth issues and verifies access tokens and provides the HTTP
// middleware every API module uses to find the caller.
package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"quill.dev/academy/pkg/common/types"
	"quill.dev/academy/pkg/platform/errs"
)

// Principal is the authenticated caller.
type Principal struct {
	UserID    types.UserID `json:"uid"`
	Role      types.Role   `json:"role"`
	SessionID string       `json:"sid"`
	ExpiresAt int64        `json:"exp"`
}

// Signer creates and verifies HMAC-signed tokens.
type Signer struct {
	secret []byte
	ttl    time.Duration
}

// NewSigner returns a signer using secret.
func NewSigner(secret string, ttl time.Duration) *Signer {
	return &Signer{secret: []byte(secret), ttl: ttl}
}

// Issue returns a token for p valid from now.
func (s *Signer) Issue(p Principal, now time.Time) (string, error) {
	p.ExpiresAt = now.Add(s.ttl).Unix()
	body, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	b := base64.RawURLEncoding.EncodeToString(body)
	return b + "." + s.sign(b), nil
}

// Verify parses and validates a token.
func (s *Signer) Verify(tok string, now time.Time) (Principal, error) {
	var p Principal
	b, sig, ok := strings.Cut(tok, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.sign(b))) {
		return p, errs.E(errs.Unauthorized, "auth.verify", "bad token signature")
	}
	raw, err := base64.RawURLEncoding.DecodeString(b)
	if err != nil {
		return p, errs.Wrap(errs.Unauthorized, "auth.verify", err)
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, errs.Wrap(errs.Unauthorized, "auth.verify", err)
	}
	if now.Unix() > p.ExpiresAt {
		return p, errs.E(errs.Unauthorized, "auth.verify", "token expired")
	}
	return p, nil
}

func (s *Signer) sign(b string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(b))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
