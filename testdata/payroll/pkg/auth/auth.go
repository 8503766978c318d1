// Package auth carries the authenticated principal and tenant through
// request contexts.
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

	"github.com/ledgerly/people/pkg/errs"
)

// Role is a coarse permission role.
type Role string

const (
	RoleAdmin    Role = "admin"
	RolePayroll  Role = "payroll_admin"
	RoleManager  Role = "manager"
	RoleEmployee Role = "employee"
	RoleSystem   Role = "system"
)

// Principal is the authenticated caller.
type Principal struct {
	UserID     string    `json:"sub"`
	TenantID   string    `json:"tid"`
	EmployeeID string    `json:"eid,omitempty"`
	Roles      []Role    `json:"roles"`
	Expires    time.Time `json:"exp"`
}

// Has reports whether p has any of roles.
func (p Principal) Has(roles ...Role) bool {
	for _, r := range p.Roles {
		if r == RoleAdmin || r == RoleSystem {
			return true
		}
		for _, want := range roles {
			if r == want {
				return true
			}
		}
	}
	return false
}

type ctxKey struct{}

// WithPrincipal stores p in ctx.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// FromContext returns the principal in ctx.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// TenantID returns the tenant of the caller or an error.
func TenantID(ctx context.Context) (string, error) {
	p, ok := FromContext(ctx)
	if !ok || p.TenantID == "" {
		return "", errs.E(errs.Unauthenticated, "no tenant in context")
	}
	return p.TenantID, nil
}

// Require returns PermissionDenied unless the caller has one of roles.
func Require(ctx context.Context, roles ...Role) error {
	p, ok := FromContext(ctx)
	if !ok {
		return errs.E(errs.Unauthenticated, "not authenticated")
	}
	if !p.Has(roles...) {
		return errs.E(errs.PermissionDenied, "user %s lacks role %v", p.UserID, roles)
	}
	return nil
}

// SystemContext returns a context acting as the system for tenant, used by jobs.
func SystemContext(ctx context.Context, tenantID string) context.Context {
	return WithPrincipal(ctx, Principal{UserID: "system", TenantID: tenantID, Roles: []Role{RoleSystem}})
}

// Verifier validates bearer tokens signed with HMAC-SHA256.
type Verifier struct{ secret []byte }

// NewVerifier builds a Verifier.
func NewVerifier(secret string) *Verifier { return &Verifier{secret: []byte(secret)} }

// Verify parses "payload.signature" tokens.
func (v *Verifier) Verify(token string) (Principal, error) {
	parts := strings.SplitN(token, ".", 2)
	if len(parts) != 2 {
		return Principal{}, errs.E(errs.Unauthenticated, "malformed token")
	}
	mac := hmac.New(sha256.New, v.secret)
	mac.Write([]byte(parts[0]))
	want := base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(parts[1])) {
		return Principal{}, errs.E(errs.Unauthenticated, "bad signature")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return Principal{}, errs.E(errs.Unauthenticated, "bad payload")
	}
	var p Principal
	if err := json.Unmarshal(raw, &p); err != nil {
		return Principal{}, errs.E(errs.Unauthenticated, "bad payload")
	}
	if time.Now().After(p.Expires) {
		return Principal{}, errs.E(errs.Unauthenticated, "token expired")
	}
	return p, nil
}

// Middleware authenticates requests and stores the principal in the context.
func (v *Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if !strings.HasPrefix(h, "Bearer ") {
			http.Error(w, "unauthenticated", http.StatusUnauthorized)
			return
		}
		p, err := v.Verify(strings.TrimPrefix(h, "Bearer "))
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
	})
}
