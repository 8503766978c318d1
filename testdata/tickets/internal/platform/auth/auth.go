// Package auth issues and verifies Gatehouse session tokens (HMAC-signed,
// JWT-like) and provides HTTP middleware that puts the principal on the
// request context.
package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/errs"
)

// Role is a coarse permission group.
type Role string

const (
	RoleFan      Role = "fan"
	RolePromoter Role = "promoter"
	RoleStaff    Role = "staff"
	RoleGate     Role = "gate"
	RoleAdmin    Role = "admin"
)

// Principal is the authenticated caller.
type Principal struct {
	Subject    string `json:"sub"`
	Role       Role   `json:"role"`
	PromoterID string `json:"pid,omitempty"`
	VenueID    string `json:"vid,omitempty"`
	Expires    int64  `json:"exp"`
}

// Signer issues and verifies tokens.
type Signer struct {
	key   []byte
	clock clock.Clock
}

// NewSigner creates a signer from a shared secret.
func NewSigner(secret string, c clock.Clock) *Signer {
	return &Signer{key: []byte(secret), clock: c}
}

// Issue returns a signed token for p valid for ttl.
func (s *Signer) Issue(p Principal, ttl time.Duration) (string, error) {
	p.Expires = s.clock.Now().Add(ttl).Unix()
	body, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	payload := base64.RawURLEncoding.EncodeToString(body)
	return payload + "." + s.sign(payload), nil
}

// Verify parses and validates a token.
func (s *Signer) Verify(token string) (Principal, error) {
	var p Principal
	payload, sig, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.sign(payload))) {
		return p, errs.E(errs.KindUnauthorized, "auth.Verify", "bad signature")
	}
	body, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return p, errs.E(errs.KindUnauthorized, "auth.Verify", "bad payload")
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return p, errs.E(errs.KindUnauthorized, "auth.Verify", "bad payload")
	}
	if s.clock.Now().Unix() > p.Expires {
		return p, errs.E(errs.KindUnauthorized, "auth.Verify", "token expired")
	}
	return p, nil
}

func (s *Signer) sign(payload string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

type ctxKey struct{}

// FromContext returns the principal, if any.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// WithPrincipal attaches a principal to ctx (used by workers and tests).
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// Require wraps h so that only callers with one of roles may pass.
func (s *Signer) Require(h http.HandlerFunc, roles ...Role) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		p, err := s.Verify(tok)
		if err != nil {
			http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
			return
		}
		if len(roles) > 0 && !hasRole(p.Role, roles) {
			http.Error(w, `{"error":"forbidden"}`, http.StatusForbidden)
			return
		}
		h(w, r.WithContext(WithPrincipal(r.Context(), p)))
	}
}

func hasRole(r Role, roles []Role) bool {
	for _, x := range roles {
		if r == x || r == RoleAdmin {
			return true
		}
	}
	return false
}
