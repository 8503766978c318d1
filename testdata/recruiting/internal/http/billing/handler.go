// Package billing exposes the customer's subscription and invoices.
package billing

import (
	"net/http"

	appbilling "github.com/hirebase/ats/internal/app/billing"
	dbbilling "github.com/hirebase/ats/internal/db/billing"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct {
	svc   *appbilling.Service
	store *dbbilling.Store
}

func New(svc *appbilling.Service, store *dbbilling.Store) *Handler {
	return &Handler{svc: svc, store: store}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/billing/subscription", httpx.RequireRole(models.RoleBillingManager, h.subscription))
	mux.HandleFunc("GET /api/billing/invoices", httpx.RequireRole(models.RoleBillingManager, h.invoices))
}

func (h *Handler) subscription(w http.ResponseWriter, r *http.Request) {
	sub, err := h.svc.Subscription(r.Context(), httpx.MustPrincipal(r).TenantID)
	httpx.Reply(w, r, http.StatusOK, sub, err)
}

func (h *Handler) invoices(w http.ResponseWriter, r *http.Request) {
	page := dbx.Page{Limit: httpx.QueryInt(r, "limit", 20), Offset: httpx.QueryInt(r, "offset", 0)}
	invs, err := h.store.ListInvoices(r.Context(), httpx.MustPrincipal(r).TenantID, page)
	httpx.Reply(w, r, http.StatusOK, invs, err)
}
