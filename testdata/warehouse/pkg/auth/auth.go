// Package auth authenticates API tokens and carries the principal in the
// request context. Client users are scoped to their own client_id.
package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/http"
	"strings"

	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/db"
	"shipwell.io/wms/pkg/httpx"
)

type Role string

const (
	RoleAdmin      Role = "admin"
	RoleSupervisor Role = "supervisor"
	RoleOperator   Role = "operator"
	RoleClient     Role = "client"
)

type Principal struct {
	UserID   string
	ClientID string // set only for RoleClient
	Role     Role
}

type ctxKey struct{}

func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// Middleware resolves bearer tokens against api_tokens.
func Middleware(d *sql.DB) httpx.Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/healthz" {
				next.ServeHTTP(w, r)
				return
			}
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			if tok == "" {
				httpx.JSON(w, http.StatusUnauthorized, map[string]string{"error": "missing token"})
				return
			}
			sum := sha256.Sum256([]byte(tok))
			var p Principal
			var client sql.NullString
			err := d.QueryRowContext(r.Context(), `
				SELECT user_id, client_id, role FROM api_tokens
				WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
				hex.EncodeToString(sum[:])).Scan(&p.UserID, &client, &p.Role)
			if db.IsNoRows(err) {
				httpx.JSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid token"})
				return
			}
			if err != nil {
				httpx.Error(w, r, err)
				return
			}
			p.ClientID = client.String
			next.ServeHTTP(w, r.WithContext(WithPrincipal(r.Context(), p)))
		})
	}
}

// Require checks that the caller holds one of the roles.
func Require(ctx context.Context, roles ...Role) error {
	p, ok := From(ctx)
	if !ok {
		return apperr.Forbidden("not authenticated")
	}
	for _, r := range roles {
		if p.Role == r || p.Role == RoleAdmin {
			return nil
		}
	}
	return apperr.Forbidden("role %s not permitted", p.Role)
}

// ScopeClient returns the client a request may act for. Warehouse staff may
// act for any client named in the request; client users only for their own.
func ScopeClient(ctx context.Context, requested string) (string, error) {
	p, ok := From(ctx)
	if !ok {
		return "", apperr.Forbidden("not authenticated")
	}
	if p.Role != RoleClient {
		return requested, nil
	}
	if requested != "" && requested != p.ClientID {
		return "", apperr.Forbidden("client mismatch")
	}
	return p.ClientID, nil
}
