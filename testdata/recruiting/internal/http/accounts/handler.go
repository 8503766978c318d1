// Package accounts exposes user, department and API key management.
package accounts

import (
	"net/http"

	appaccounts "github.com/hirebase/ats/internal/app/accounts"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct{ svc *appaccounts.Service }

func New(svc *appaccounts.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /signup", h.signup)
	mux.HandleFunc("GET /api/me", h.me)
	mux.HandleFunc("GET /api/users", h.listUsers)
	mux.HandleFunc("POST /api/users", httpx.RequireRole(models.RoleAdmin, h.invite))
	mux.HandleFunc("DELETE /api/users/{id}", httpx.RequireRole(models.RoleAdmin, h.deactivate))
	mux.HandleFunc("GET /api/departments", h.departments)
}

func (h *Handler) signup(w http.ResponseWriter, r *http.Request) {
	var req appaccounts.ProvisionRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	t, err := h.svc.ProvisionTenant(r.Context(), req)
	httpx.Reply(w, r, http.StatusCreated, t, err)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request) {
	p := httpx.MustPrincipal(r)
	u, err := h.svc.GetUser(r.Context(), p.TenantID, p.UserID)
	httpx.Reply(w, r, http.StatusOK, u, err)
}

func (h *Handler) listUsers(w http.ResponseWriter, r *http.Request) {
	us, err := h.svc.ListUsers(r.Context(), httpx.MustPrincipal(r).TenantID)
	httpx.Reply(w, r, http.StatusOK, us, err)
}

func (h *Handler) invite(w http.ResponseWriter, r *http.Request) {
	var req appaccounts.InviteRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	u, err := h.svc.InviteUser(r.Context(), httpx.MustPrincipal(r).TenantID, req)
	httpx.Reply(w, r, http.StatusCreated, u, err)
}

func (h *Handler) deactivate(w http.ResponseWriter, r *http.Request) {
	p := httpx.MustPrincipal(r)
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.Deactivate(r.Context(), p.TenantID, p.UserID, r.PathValue("id")))
}

func (h *Handler) departments(w http.ResponseWriter, r *http.Request) {
	ds, err := h.svc.Departments(r.Context(), httpx.MustPrincipal(r).TenantID)
	httpx.Reply(w, r, http.StatusOK, ds, err)
}
