// Package requisitions exposes requisition CRUD and the approval workflow.
package requisitions

import (
	"net/http"

	apprequisitions "github.com/hirebase/ats/internal/app/requisitions"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct{ svc *apprequisitions.Service }

func New(svc *apprequisitions.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/requisitions", h.list)
	mux.HandleFunc("POST /api/requisitions", httpx.RequireRole(models.RoleRecruiter, h.create))
	mux.HandleFunc("GET /api/requisitions/{id}", h.get)
	mux.HandleFunc("PUT /api/requisitions/{id}", httpx.RequireRole(models.RoleRecruiter, h.update))
	mux.HandleFunc("POST /api/requisitions/{id}/submit", httpx.RequireRole(models.RoleRecruiter, h.submit))
	mux.HandleFunc("POST /api/requisitions/{id}/decision", h.decide)
	mux.HandleFunc("POST /api/requisitions/{id}/status", httpx.RequireRole(models.RoleRecruiter, h.setStatus))
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := dbx.Page{Limit: httpx.QueryInt(r, "limit", 50), Offset: httpx.QueryInt(r, "offset", 0)}
	out, err := h.svc.List(r.Context(), httpx.MustPrincipal(r).TenantID, q.Get("status"), q.Get("department_id"), page)
	httpx.Reply(w, r, http.StatusOK, out, err)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var d apprequisitions.Draft
	if err := httpx.Decode(r, &d); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	req, err := h.svc.Create(r.Context(), p.TenantID, p.UserID, d)
	httpx.Reply(w, r, http.StatusCreated, req, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	req, err := h.svc.Get(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, req, err)
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) {
	var d apprequisitions.Draft
	if err := httpx.Decode(r, &d); err != nil {
		httpx.Error(w, r, err)
		return
	}
	req, err := h.svc.Update(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), d)
	httpx.Reply(w, r, http.StatusOK, req, err)
}

func (h *Handler) submit(w http.ResponseWriter, r *http.Request) {
	req, err := h.svc.Submit(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, req, err)
}

func (h *Handler) decide(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Approve bool   `json:"approve"`
		Comment string `json:"comment"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := httpx.MustPrincipal(r)
	req, err := h.svc.Decide(r.Context(), p.TenantID, p.UserID, p.HasRole(models.RoleAdmin), r.PathValue("id"), body.Approve, body.Comment)
	httpx.Reply(w, r, http.StatusOK, req, err)
}

func (h *Handler) setStatus(w http.ResponseWriter, r *http.Request) {
	var body struct{ Status models.RequisitionStatus }
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.SetStatus(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), body.Status))
}
