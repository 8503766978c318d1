// Package endpoint adapts the billing service to kit endpoints.
package endpoint

import (
	"context"
	"log/slog"

	"github.com/flickstream/api/pkg/errs"
	"github.com/flickstream/api/pkg/httpx"
	"github.com/flickstream/api/pkg/kit"
	"github.com/flickstream/api/services/billing/service"
)

// Endpoints groups billing endpoints.
type Endpoints struct {
	Plans       kit.Endpoint
	Entitlement kit.Endpoint
	Subscribe   kit.Endpoint
	ChangePlan  kit.Endpoint
	Cancel      kit.Endpoint
	Invoices    kit.Endpoint
}

// PlanRequest names a plan.
type PlanRequest struct {
	PlanCode string `json:"plan_code"`
}

func accountOf(ctx context.Context) (string, error) {
	c, ok := httpx.CallerFrom(ctx)
	if !ok || c.AccountID == "" {
		return "", errs.E(errs.Unauthorized, "billing.endpoint", "no account on request")
	}
	return c.AccountID, nil
}

// New builds the endpoints.
func New(svc *service.Service, log *slog.Logger) Endpoints {
	acct := func(name string, f func(ctx context.Context, acc string, req any) (any, error)) kit.Endpoint {
		return kit.Logging(log, "billing."+name)(func(ctx context.Context, req any) (any, error) {
			acc, err := accountOf(ctx)
			if err != nil {
				return nil, err
			}
			return f(ctx, acc, req)
		})
	}
	return Endpoints{
		Plans: func(ctx context.Context, _ any) (any, error) {
			ps, err := svc.Plans(ctx)
			return map[string]any{"plans": ps}, err
		},
		Entitlement: acct("Entitlement", func(ctx context.Context, acc string, _ any) (any, error) {
			return svc.Entitlement(ctx, acc)
		}),
		Subscribe: acct("Subscribe", func(ctx context.Context, acc string, req any) (any, error) {
			return svc.Subscribe(ctx, acc, req.(PlanRequest).PlanCode)
		}),
		ChangePlan: acct("ChangePlan", func(ctx context.Context, acc string, req any) (any, error) {
			return svc.ChangePlan(ctx, acc, req.(PlanRequest).PlanCode)
		}),
		Cancel: acct("Cancel", func(ctx context.Context, acc string, _ any) (any, error) {
			return svc.Cancel(ctx, acc)
		}),
		Invoices: acct("Invoices", func(ctx context.Context, acc string, _ any) (any, error) {
			inv, err := svc.Invoices(ctx, acc)
			return map[string]any{"invoices": inv}, err
		}),
	}
}
