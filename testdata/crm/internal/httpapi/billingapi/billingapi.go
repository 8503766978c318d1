// Package billingapi serves the subscription page and the Stripe webhook.
package billingapi

import (
	"encoding/json"
	"io"
	"net/http"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/billing"
	"pipelinelabs.io/crm/internal/billing/invoices"
	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/core"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/httpx"
)

// Handler serves the billing area.
type Handler struct {
	Billing       *billing.Service
	Invoices      *invoices.Generator
	WebhookSecret string
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Public("GET /v1/plans", h.plans)
	r.Private("GET /v1/billing/subscription", h.subscription)
	r.Private("PUT /v1/billing/plan", h.changePlan)
	r.Private("GET /v1/billing/invoices", h.invoices)
	r.Public("POST /webhooks/stripe", h.stripe)
}

func (h *Handler) plans(w http.ResponseWriter, r *http.Request) error {
	return httpx.OK(w, plans.All())
}

func (h *Handler) subscription(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.BillingManage)
	if err != nil {
		return err
	}
	sub, err := h.Billing.Get(r.Context(), p.TenantID)
	return httpx.Reply(w, http.StatusOK, map[string]any{"subscription": sub, "plan": plans.MustGet(sub.Plan)}, err)
}

func (h *Handler) changePlan(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Plan core.PlanTier `json:"plan"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	sub, err := h.Billing.ChangePlan(r.Context(), in.Plan)
	return httpx.Reply(w, http.StatusOK, sub, err)
}

func (h *Handler) invoices(w http.ResponseWriter, r *http.Request) error {
	p, err := permissions.Require(r.Context(), permissions.BillingManage)
	if err != nil {
		return err
	}
	list, err := h.Invoices.List(r.Context(), p.TenantID)
	return httpx.Reply(w, http.StatusOK, list, err)
}

func (h *Handler) stripe(w http.ResponseWriter, r *http.Request) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return errs.Invalid("unreadable body")
	}
	if err := billing.VerifyWebhook(body, r.Header.Get("Stripe-Signature"), h.WebhookSecret, h.Billing.Clock.Now()); err != nil {
		return err
	}
	var ev billing.StripeEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return errs.Invalid("bad event")
	}
	return httpx.Reply(w, http.StatusNoContent, nil, h.Billing.HandleStripeEvent(r.Context(), ev))
}
