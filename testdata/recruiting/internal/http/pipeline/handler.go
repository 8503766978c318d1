// Package pipeline exposes applications and stage moves.
package pipeline

import (
	"net/http"

	apppipeline "github.com/hirebase/ats/internal/app/pipeline"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct{ svc *apppipeline.Service }

func New(svc *apppipeline.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/applications", httpx.RequireRole(models.RoleRecruiter, h.apply))
	mux.HandleFunc("GET /api/applications/{id}", h.get)
	mux.HandleFunc("POST /api/applications/{id}/move", httpx.RequireRole(models.RoleRecruiter, h.move))
	mux.HandleFunc("POST /api/applications/{id}/reject", httpx.RequireRole(models.RoleRecruiter, h.reject))
	mux.HandleFunc("POST /api/applications/{id}/hire", httpx.RequireRole(models.RoleRecruiter, h.hire))
	mux.HandleFunc("GET /api/requisitions/{id}/applications", h.listForReq)
}

func (h *Handler) apply(w http.ResponseWriter, r *http.Request) {
	var in apppipeline.ApplyInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.svc.Apply(r.Context(), httpx.MustPrincipal(r).TenantID, in)
	httpx.Reply(w, r, http.StatusCreated, a, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Get(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, a, err)
}

func (h *Handler) move(w http.ResponseWriter, r *http.Request) {
	var body struct{ To string }
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	a, err := h.svc.Move(r.Context(), p.TenantID, p.UserID, r.PathValue("id"), body.To)
	httpx.Reply(w, r, http.StatusOK, a, err)
}

func (h *Handler) reject(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Reason string `json:"reason"`
		Notify bool   `json:"notify"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.Reject(r.Context(), p.TenantID, r.PathValue("id"), body.Reason, body.Notify))
}

func (h *Handler) hire(w http.ResponseWriter, r *http.Request) {
	p := httpx.MustPrincipal(r)
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.Hire(r.Context(), p.TenantID, p.UserID, r.PathValue("id")))
}

func (h *Handler) listForReq(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	apps, err := h.svc.ListForRequisition(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), q.Get("stage"), q.Get("status"))
	httpx.Reply(w, r, http.StatusOK, apps, err)
}
