// Package postings exposes job posting management for recruiters.
package postings

import (
	"net/http"

	apppostings "github.com/hirebase/ats/internal/app/postings"
	dbpostings "github.com/hirebase/ats/internal/db/postings"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/httpx"
)

type Handler struct {
	svc   *apppostings.Service
	store *dbpostings.Store
}

func New(svc *apppostings.Service, store *dbpostings.Store) *Handler {
	return &Handler{svc: svc, store: store}
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/requisitions/{id}/postings", h.listForReq)
	mux.HandleFunc("POST /api/requisitions/{id}/postings", httpx.RequireRole(models.RoleRecruiter, h.create))
	mux.HandleFunc("GET /api/postings/{id}", h.get)
	mux.HandleFunc("POST /api/postings/{id}/publish", httpx.RequireRole(models.RoleRecruiter, h.publish))
	mux.HandleFunc("POST /api/postings/{id}/unpublish", httpx.RequireRole(models.RoleRecruiter, h.unpublish))
	mux.HandleFunc("PUT /api/postings/{id}/questions", httpx.RequireRole(models.RoleRecruiter, h.questions))
	mux.HandleFunc("PUT /api/career-site", httpx.RequireRole(models.RoleAdmin, h.careerSite))
}

func (h *Handler) listForReq(w http.ResponseWriter, r *http.Request) {
	ps, err := h.store.ListByRequisition(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, ps, err)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var in apppostings.Input
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.CreateFromRequisition(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), in)
	httpx.Reply(w, r, http.StatusCreated, p, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, err := h.store.Get(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, p, err)
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Channels []string `json:"channels"`
		Days     int      `json:"days"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.Publish(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), body.Channels, body.Days)
	httpx.Reply(w, r, http.StatusOK, p, err)
}

func (h *Handler) unpublish(w http.ResponseWriter, r *http.Request) {
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.Unpublish(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id")))
}

func (h *Handler) questions(w http.ResponseWriter, r *http.Request) {
	var qs []models.PostingQuestion
	if err := httpx.Decode(r, &qs); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.SetQuestions(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), qs))
}

func (h *Handler) careerSite(w http.ResponseWriter, r *http.Request) {
	var c models.CareerSite
	if err := httpx.Decode(r, &c); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c.TenantID = httpx.MustPrincipal(r).TenantID
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.UpdateCareerSite(r.Context(), c))
}
