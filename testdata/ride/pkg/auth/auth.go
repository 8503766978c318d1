// Package auth issues and verifies HMAC-signed bearer tokens and provides middleware.
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

	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/httpx"
)

// Role is the kind of principal.
type Role string

const (
	RoleRider      Role = "rider"
	RoleDriver     Role = "driver"
	RoleRestaurant Role = "restaurant"
	RoleAdmin      Role = "admin"
	RoleSupport    Role = "support"
)

// Principal is the authenticated caller.
type Principal struct {
	UserID int64 `json:"uid"`
	Role   Role  `json:"role"`
	Exp    int64 `json:"exp"`
}

// Signer signs and verifies tokens.
type Signer struct{ secret []byte }

// NewSigner returns a signer for the given secret.
func NewSigner(secret string) *Signer { return &Signer{secret: []byte(secret)} }

// Issue returns a token valid for ttl.
func (s *Signer) Issue(uid int64, role Role, ttl time.Duration) (string, error) {
	body, err := json.Marshal(Principal{UserID: uid, Role: role, Exp: time.Now().Add(ttl).Unix()})
	if err != nil {
		return "", err
	}
	p := base64.RawURLEncoding.EncodeToString(body)
	return p + "." + s.sign(p), nil
}

// Verify parses and checks a token.
func (s *Signer) Verify(tok string) (Principal, error) {
	parts := strings.SplitN(tok, ".", 2)
	if len(parts) != 2 || !hmac.Equal([]byte(s.sign(parts[0])), []byte(parts[1])) {
		return Principal{}, errs.E(errs.KindUnauthorized, "auth.verify", "invalid token")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return Principal{}, errs.E(errs.KindUnauthorized, "auth.verify", "invalid token")
	}
	var p Principal
	if err := json.Unmarshal(raw, &p); err != nil {
		return Principal{}, errs.E(errs.KindUnauthorized, "auth.verify", "invalid token")
	}
	if time.Now().Unix() > p.Exp {
		return Principal{}, errs.E(errs.KindUnauthorized, "auth.verify", "token expired")
	}
	return p, nil
}

func (s *Signer) sign(payload string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

type principalKey struct{}

// FromContext returns the authenticated principal.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// WithPrincipal stores p in ctx (used by workers and tests).
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// Middleware authenticates requests; roles, if given, restrict access.
func (s *Signer) Middleware(roles ...Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := r.Header.Get("Authorization")
			tok := strings.TrimPrefix(h, "Bearer ")
			if tok == "" || tok == h {
				// websocket clients cannot set headers from browsers
				tok = r.URL.Query().Get("access_token")
			}
			p, err := s.Verify(tok)
			if err != nil {
				httpx.Error(w, r, err)
				return
			}
			if len(roles) > 0 && !hasRole(p.Role, roles) {
				httpx.Error(w, r, errs.Forbidden("auth.middleware"))
				return
			}
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
		})
	}
}

// Require returns the principal or a 401 error.
func Require(ctx context.Context) (Principal, error) {
	p, ok := FromContext(ctx)
	if !ok {
		return Principal{}, errs.E(errs.KindUnauthorized, "auth.require", "unauthenticated")
	}
	return p, nil
}

func hasRole(r Role, roles []Role) bool {
	for _, x := range roles {
		if x == r || r == RoleAdmin {
			return true
		}
	}
	return false
}
