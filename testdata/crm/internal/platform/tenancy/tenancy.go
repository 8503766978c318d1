// Package tenancy carries the authenticated principal and tenant through
// request and job contexts.
package tenancy

import (
	"context"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/errs"
)

// Principal is who is acting, on behalf of which tenant.
type Principal struct {
	TenantID core.ID
	UserID   core.ID
	Role     core.Role
	Plan     core.PlanTier
	System   bool // background job acting for the tenant
}

// Authenticator resolves a bearer token to a principal.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (Principal, error)
}

type ctxKey struct{}

// With stores p in ctx.
func With(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// From returns the principal in ctx.
func From(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(Principal)
	return p, ok
}

// Require returns the principal or an unauthorized error.
func Require(ctx context.Context) (Principal, error) {
	p, ok := From(ctx)
	if !ok || p.TenantID == "" {
		return Principal{}, errs.Unauthorized()
	}
	return p, nil
}

// TenantID returns the current tenant or "" when none.
func TenantID(ctx context.Context) core.ID {
	p, _ := From(ctx)
	return p.TenantID
}

// ForSystem returns a context acting as the system for tenantID.
func ForSystem(ctx context.Context, tenantID core.ID) context.Context {
	return With(ctx, Principal{TenantID: tenantID, Role: core.RoleAdmin, System: true})
}
