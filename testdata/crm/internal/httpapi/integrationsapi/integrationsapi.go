// Package integrationsapi manages outbound webhook subscriptions.
package integrationsapi

import (
	"net/http"

	"pipelinelabs.io/crm/internal/accounts/permissions"
	"pipelinelabs.io/crm/internal/billing/plans"
	"pipelinelabs.io/crm/internal/integrations/webhooks"
	"pipelinelabs.io/crm/internal/platform/errs"
	"pipelinelabs.io/crm/internal/platform/httpx"
	"pipelinelabs.io/crm/internal/platform/tenancy"
)

// Handler serves the integrations area.
type Handler struct {
	Webhooks *webhooks.Service
}

func (h *Handler) Register(r httpx.Registrar) {
	r.Private("GET /v1/webhooks", h.list)
	r.Private("POST /v1/webhooks", h.create)
	r.Private("DELETE /v1/webhooks/{id}", h.delete)
}

func require(r *http.Request) (tenancy.Principal, error) {
	p, err := permissions.Require(r.Context(), permissions.IntegrationsManage)
	if err == nil && !plans.Allows(p.Plan, plans.FeatureWebhooks) {
		err = errs.Limit("webhooks are not included in your plan")
	}
	return p, err
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	p, err := require(r)
	if err != nil {
		return err
	}
	subs, err := h.Webhooks.List(r.Context(), p.TenantID)
	return httpx.Reply(w, http.StatusOK, subs, err)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	p, err := require(r)
	if err != nil {
		return err
	}
	var in struct {
		URL    string   `json:"url"`
		Topics []string `json:"topics"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	sub, err := h.Webhooks.Create(r.Context(), p.TenantID, in.URL, in.Topics)
	return httpx.Reply(w, http.StatusCreated, sub, err)
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) error {
	p, err := require(r)
	if err != nil {
		return err
	}
	return httpx.Reply(w, http.StatusNoContent, nil, h.Webhooks.Delete(r.Context(), p.TenantID, httpx.PathID(r, "id")))
}
