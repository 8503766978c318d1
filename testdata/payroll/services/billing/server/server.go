// Package server implements billing.v1.BillingService and monthly invoicing.
package server

import (
	"context"

	"github.com/ledgerly/people/pkg/auth"
	"github.com/ledgerly/people/pkg/events"
	"github.com/ledgerly/people/pkg/models"
	"github.com/ledgerly/people/proto/billingpb"
	"github.com/ledgerly/people/proto/payrollpb"
	"github.com/ledgerly/people/services/billing/store"
)

// Entitlements per plan.
var planLimits = map[models.Plan]billingpb.GetEntitlementsResponse{
	models.PlanStarter:    {Plan: "starter", MaxEmployees: 25, PayRunsPerMonth: 2, Features: []string{"payroll", "leave"}},
	models.PlanGrowth:     {Plan: "growth", MaxEmployees: 250, PayRunsPerMonth: 4, MultiStateTax: true, Features: []string{"payroll", "leave", "time", "benefits", "expenses"}},
	models.PlanEnterprise: {Plan: "enterprise", MultiStateTax: true, Features: []string{"payroll", "leave", "time", "benefits", "expenses", "api", "sso"}},
}

// Server implements BillingServiceServer.
type Server struct {
	store    *store.Store
	invoicer *Invoicer
}

var _ billingpb.BillingServiceServer = (*Server)(nil)

// New builds a Server.
func New(s *store.Store, inv *Invoicer) *Server { return &Server{store: s, invoicer: inv} }

// GetSubscription implements BillingServiceServer.
func (s *Server) GetSubscription(ctx context.Context, _ *billingpb.GetSubscriptionRequest) (*billingpb.GetSubscriptionResponse, error) {
	tenant, err := auth.TenantID(ctx)
	if err != nil {
		return nil, err
	}
	sub, err := s.store.Subscription(ctx, tenant)
	if err != nil {
		return nil, err
	}
	return &billingpb.GetSubscriptionResponse{Subscription: &billingpb.Subscription{
		TenantId: sub.TenantID, Plan: string(sub.Plan), Status: sub.Status,
		SeatPriceCents: sub.SeatPrice.Cents, BasePriceCents: sub.BasePrice.Cents, Currency: sub.BasePrice.Currency,
		CurrentPeriodEnd: sub.CurrentPeriodEnd.String(),
	}}, nil
}

// GetEntitlements implements BillingServiceServer.
func (s *Server) GetEntitlements(ctx context.Context, _ *billingpb.GetEntitlementsRequest) (*billingpb.GetEntitlementsResponse, error) {
	tenant, err := auth.TenantID(ctx)
	if err != nil {
		return nil, err
	}
	sub, err := s.store.Subscription(ctx, tenant)
	if err != nil {
		return nil, err
	}
	lim, ok := planLimits[sub.Plan]
	if !ok || sub.Status != "active" {
		return &billingpb.GetEntitlementsResponse{Plan: string(sub.Plan), MaxEmployees: 0, PayRunsPerMonth: 0}, nil
	}
	out := lim
	out.Features = append([]string(nil), lim.Features...)
	return &out, nil
}

// Subscribe meters pay runs for usage-based pricing.
func (s *Server) Subscribe(bus *events.Bus) {
	bus.Subscribe(events.TopicPayRunCompleted, "billing-usage", func(ctx context.Context, e events.Event) error {
		var ev payrollpb.PayRunCompleted
		if err := e.Decode(&ev); err != nil {
			return err
		}
		return s.store.RecordUsage(ctx, e.TenantID, "pay_runs", 1, "run:"+ev.Run.Id, e.OccurredAt)
	})
}
