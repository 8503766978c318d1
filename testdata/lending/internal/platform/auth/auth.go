// Package auth verifies signed bearer tokens for staff, borrowers and partners.
package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/httpx"
)

const (
	RoleBorrower   = "borrower"
	RoleAgent      = "agent"
	RoleUnderwrite = "underwriter"
	RolePartner    = "partner"
	RoleAdmin      = "admin"
)

// Principal is the authenticated caller.
type Principal struct {
	Subject   string
	Role      string
	PartnerID string
}

type ctxKey struct{}

// Sign produces a token "subject|role|partner|sig".
func Sign(secret string, p Principal) string {
	body := p.Subject + "|" + p.Role + "|" + p.PartnerID
	return body + "|" + mac(secret, body)
}

func mac(secret, body string) string {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(body))
	return hex.EncodeToString(h.Sum(nil))
}

func parse(secret, tok string) (Principal, bool) {
	parts := strings.Split(tok, "|")
	if len(parts) != 4 {
		return Principal{}, false
	}
	body := strings.Join(parts[:3], "|")
	if !hmac.Equal([]byte(mac(secret, body)), []byte(parts[3])) {
		return Principal{}, false
	}
	return Principal{Subject: parts[0], Role: parts[1], PartnerID: parts[2]}, true
}

// Middleware authenticates the Authorization header.
func Middleware(secret string) httpx.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			p, ok := parse(secret, tok)
			if !ok {
				httpx.JSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized"})
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, p)))
		})
	}
}

// From returns the principal on the context.
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// Require returns an error unless the caller has one of the roles.
func Require(ctx context.Context, roles ...string) (Principal, error) {
	p, ok := From(ctx)
	if !ok {
		return p, errs.Forbidden("no principal")
	}
	if p.Role == RoleAdmin {
		return p, nil
	}
	for _, r := range roles {
		if p.Role == r {
			return p, nil
		}
	}
	return p, errs.Forbidden("role %q not allowed", p.Role)
}
