// Package maintenance exposes maintenance request, work order and invoice endpoints.
package maintenance

import (
	"net/http"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/maintenance"
	"github.com/keystoneprop/platform/internal/maintenance/invoices"
	"github.com/keystoneprop/platform/internal/maintenance/workorders"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/tenants"
)

type Handler struct {
	Requests   *maintenance.Service
	WorkOrders *workorders.Service
	Invoices   *invoices.Service
	Tenants    *tenants.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/maintenance-requests", httpx.H(h.submit))
	mux.HandleFunc("GET /v1/maintenance-requests", httpx.H(h.open))
	mux.HandleFunc("POST /v1/maintenance-requests/{id}/work-order", httpx.H(h.triage))
	mux.HandleFunc("POST /v1/work-orders/{id}/complete", httpx.H(h.complete))
	mux.HandleFunc("POST /v1/work-orders/{id}/invoices", httpx.H(h.invoice))
	mux.HandleFunc("POST /v1/invoices/{id}/approve", httpx.H(h.approve))
}

func (h *Handler) submit(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleTenant, auth.RoleStaff)
	if err != nil {
		return 0, nil, err
	}
	var req models.MaintenanceRequest
	if err := httpx.Decode(r, &req); err != nil {
		return 0, nil, err
	}
	email := ""
	if c.Role == auth.RoleTenant {
		req.TenantID = c.TenantID
		if t, err := h.Tenants.Get(r.Context(), c.TenantID); err == nil {
			email = t.Email
		}
	}
	out, err := h.Requests.Submit(r.Context(), req, email)
	return http.StatusCreated, out, err
}

func (h *Handler) open(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	out, err := h.Requests.ListOpen(r.Context(), r.URL.Query().Get("property_id"))
	return http.StatusOK, out, err
}

func (h *Handler) triage(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	out, err := h.WorkOrders.FromRequest(r.Context(), r.PathValue("id"), r.URL.Query().Get("tenant_caused") == "true")
	return http.StatusCreated, out, err
}

func (h *Handler) complete(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleVendor); err != nil {
		return 0, nil, err
	}
	var body struct {
		Cost string `json:"actual_cost"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	cost, _ := money.Parse(body.Cost)
	return http.StatusNoContent, nil, h.WorkOrders.Complete(r.Context(), r.PathValue("id"), cost)
}

func (h *Handler) invoice(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleVendor)
	if err != nil {
		return 0, nil, err
	}
	var body struct {
		Number string `json:"number"`
		Amount string `json:"amount"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	amt, _ := money.Parse(body.Amount)
	out, err := h.Invoices.Submit(r.Context(), models.VendorInvoice{VendorID: c.VendorID, WorkOrderID: r.PathValue("id"), Number: body.Number, Amount: amt})
	return http.StatusCreated, out, err
}

func (h *Handler) approve(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleStaff)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Invoices.Approve(r.Context(), r.PathValue("id"), c.UserID)
}
