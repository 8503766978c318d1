// Package auth authenticates staff (front desk, housekeeping, revenue
// managers) calling the internal endpoints with bearer tokens.
package auth

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
)

// Roles used by the handlers.
const (
	RoleFrontDesk    = "frontdesk"
	RoleHousekeeping = "housekeeping"
	RoleRevenue      = "revenue"
	RoleManager      = "manager"
	RoleAdmin        = "admin"
)

// Principal is an authenticated staff member.
type Principal struct {
	StaffID string
	HotelID int64 // 0 means all hotels (head office)
	Roles   []string
}

// Has reports whether p has role (admins have every role).
func (p Principal) Has(role string) bool {
	return slices.Contains(p.Roles, role) || slices.Contains(p.Roles, RoleAdmin)
}

// CanAccessHotel reports whether p may act on hotelID.
func (p Principal) CanAccessHotel(hotelID int64) bool {
	return p.HotelID == 0 || p.HotelID == hotelID
}

// Verifier resolves a bearer token.
type Verifier interface {
	Verify(ctx context.Context, token string) (Principal, error)
}

// StaticTokens is a token table loaded from config ("staff:hotel:role,role").
type StaticTokens map[string]string

// Verify implements Verifier.
func (s StaticTokens) Verify(_ context.Context, token string) (Principal, error) {
	raw, ok := s[token]
	if !ok {
		return Principal{}, errs.E(errs.Unauthorized, "auth.Verify", "invalid token")
	}
	parts := strings.SplitN(raw, ":", 3)
	if len(parts) != 3 {
		return Principal{}, errs.E(errs.Unauthorized, "auth.Verify", "malformed principal")
	}
	hotelID, _ := strconv.ParseInt(parts[1], 10, 64)
	return Principal{StaffID: parts[0], HotelID: hotelID, Roles: strings.Split(parts[2], ",")}, nil
}

type ctxKey struct{}

// FromContext returns the authenticated principal, if any.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// WithPrincipal stores p in ctx (used by the CLI, which acts as admin).
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// Require wraps h so that only principals with role may call it.
func Require(v Verifier, role string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			httpx.Error(w, r, errs.E(errs.Unauthorized, "auth.Require", "missing bearer token"))
			return
		}
		p, err := v.Verify(r.Context(), token)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		if !p.Has(role) {
			httpx.Error(w, r, errs.E(errs.Forbidden, "auth.Require", "requires role "+role))
			return
		}
		h(w, r.WithContext(WithPrincipal(r.Context(), p)))
	}
}

// CheckHotel returns a Forbidden error when the caller may not access hotelID.
func CheckHotel(ctx context.Context, hotelID int64) error {
	p, ok := FromContext(ctx)
	if !ok || !p.CanAccessHotel(hotelID) {
		return errs.E(errs.Forbidden, "auth.CheckHotel", "no access to this hotel")
	}
	return nil
}
