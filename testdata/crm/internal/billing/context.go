package billing

import (
	"context"

	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

func withTenant(ctx context.Context, tenantID core.ID) context.Context {
	return tenancy.ForSystem(ctx, tenantID)
}
