// Package auth issues and verifies session tokens and exposes the caller identity.
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

	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/httpx"
)

type Role string

const (
	RoleStaff  Role = "staff"
	RoleAdmin  Role = "admin"
	RoleOwner  Role = "owner"
	RoleTenant Role = "tenant"
	RoleVendor Role = "vendor"
)

type Claims struct {
	UserID   string `json:"sub"`
	Role     Role   `json:"role"`
	OwnerID  string `json:"owner_id,omitempty"`
	TenantID string `json:"tenant_id,omitempty"`
	VendorID string `json:"vendor_id,omitempty"`
	Expires  int64  `json:"exp"`
}

type ctxKey struct{}

type Signer struct{ secret []byte }

func NewSigner(secret string) *Signer { return &Signer{secret: []byte(secret)} }

func (s *Signer) Sign(c Claims) (string, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	body := base64.RawURLEncoding.EncodeToString(b)
	return body + "." + s.mac(body), nil
}

func (s *Signer) Verify(tok string) (Claims, error) {
	body, sig, ok := strings.Cut(tok, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.mac(body))) {
		return Claims{}, errs.E(errs.Unauthorized, "invalid token")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return Claims{}, errs.E(errs.Unauthorized, "invalid token")
	}
	var c Claims
	if err := json.Unmarshal(raw, &c); err != nil {
		return Claims{}, errs.E(errs.Unauthorized, "invalid token")
	}
	if time.Now().Unix() > c.Expires {
		return Claims{}, errs.E(errs.Unauthorized, "token expired")
	}
	return c, nil
}

func (s *Signer) mac(body string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Middleware authenticates the bearer token and stores claims in the context.
func (s *Signer) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			httpx.Error(w, r, errs.E(errs.Unauthorized, "missing bearer token"))
			return
		}
		c, err := s.Verify(tok)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, c)))
	})
}

func FromContext(ctx context.Context) (Claims, bool) {
	c, ok := ctx.Value(ctxKey{}).(Claims)
	return c, ok
}

// Require returns an error unless the caller has one of the given roles.
func Require(ctx context.Context, roles ...Role) (Claims, error) {
	c, ok := FromContext(ctx)
	if !ok {
		return Claims{}, errs.E(errs.Unauthorized, "not authenticated")
	}
	for _, r := range roles {
		if c.Role == r || c.Role == RoleAdmin {
			return c, nil
		}
	}
	return c, errs.E(errs.Forbidden, "role %s not permitted", c.Role)
}

func IsStaff(c Claims) bool { return c.Role == RoleStaff || c.Role == RoleAdmin }
