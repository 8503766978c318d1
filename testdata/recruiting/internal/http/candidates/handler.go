// Package candidates exposes candidate profiles, resumes, merge and search.
package candidates

import (
	"io"
	"net/http"

	appcandidates "github.com/hirebase/ats/internal/app/candidates"
	"github.com/hirebase/ats/internal/models"
	"github.com/hirebase/ats/internal/platform/dbx"
	"github.com/hirebase/ats/internal/platform/errs"
	"github.com/hirebase/ats/internal/platform/httpx"
	"github.com/hirebase/ats/internal/resumes"
	"github.com/hirebase/ats/internal/search"
)

type Handler struct{ svc *appcandidates.Service }

func New(svc *appcandidates.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/candidates", httpx.RequireRole(models.RoleRecruiter, h.create))
	mux.HandleFunc("GET /api/candidates/search", h.search)
	mux.HandleFunc("GET /api/candidates/{id}", h.get)
	mux.HandleFunc("DELETE /api/candidates/{id}", httpx.RequireRole(models.RoleAdmin, h.erase))
	mux.HandleFunc("POST /api/candidates/{id}/resume", httpx.RequireRole(models.RoleRecruiter, h.uploadResume))
	mux.HandleFunc("POST /api/candidates/{id}/merge", httpx.RequireRole(models.RoleRecruiter, h.merge))
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var in appcandidates.Input
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.svc.Create(r.Context(), httpx.MustPrincipal(r).TenantID, in)
	httpx.Reply(w, r, http.StatusCreated, c, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Get(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"))
	httpx.Reply(w, r, http.StatusOK, c, err)
}

func (h *Handler) erase(w http.ResponseWriter, r *http.Request) {
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.Erase(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id")))
}

func (h *Handler) uploadResume(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(resumes.MaxSize); err != nil {
		httpx.Error(w, r, errs.Validation("invalid upload"))
		return
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		httpx.Error(w, r, errs.Validation("file is required"))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, resumes.MaxSize+1))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := h.svc.AttachResume(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), hdr.Filename, hdr.Header.Get("Content-Type"), data)
	httpx.Reply(w, r, http.StatusCreated, res, err)
}

func (h *Handler) merge(w http.ResponseWriter, r *http.Request) {
	var body struct {
		DuplicateID string `json:"duplicate_id"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.Reply(w, r, http.StatusNoContent, nil, h.svc.Merge(r.Context(), httpx.MustPrincipal(r).TenantID, r.PathValue("id"), body.DuplicateID))
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	q := search.Query{
		Text: r.URL.Query().Get("q"), RequisitionID: r.URL.Query().Get("requisition_id"),
		Page: dbx.Page{Limit: httpx.QueryInt(r, "limit", 25), Offset: httpx.QueryInt(r, "offset", 0)},
	}
	hits, err := h.svc.Search(r.Context(), httpx.MustPrincipal(r).TenantID, q)
	httpx.Reply(w, r, http.StatusOK, hits, err)
}
