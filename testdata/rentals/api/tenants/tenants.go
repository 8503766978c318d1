// Package tenants is the resident portal "me" API.
package tenants

import (
	"net/http"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/tenants"
)

type Handler struct {
	Tenants *tenants.Service
	Leases  *leases.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/me", h.me)
	mux.HandleFunc("PUT /v1/me/contact", h.contact)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	c, err := auth.Require(r.Context(), auth.RoleTenant)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	t, err := h.Tenants.Get(r.Context(), c.TenantID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ls, err := h.Leases.ForTenant(r.Context(), t.ID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"tenant": t, "leases": ls})
}

func (h *Handler) contact(w http.ResponseWriter, r *http.Request) {
	c, err := auth.Require(r.Context(), auth.RoleTenant)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var body struct {
		Phone    string `json:"phone"`
		SMSOptIn bool   `json:"sms_opt_in"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Tenants.UpdateContact(r.Context(), c.TenantID, body.Phone, body.SMSOptIn); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.NoContent(w)
}
