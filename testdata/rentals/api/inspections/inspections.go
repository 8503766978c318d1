// Package inspections exposes inspection scheduling and results.
package inspections

import (
	"net/http"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/inspections"
	"github.com/keystoneprop/platform/internal/models"
)

type Handler struct{ Inspections *inspections.Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/inspections", httpx.H(h.schedule))
	mux.HandleFunc("GET /v1/inspections/{id}", httpx.H(h.get))
	mux.HandleFunc("POST /v1/inspections/{id}/photos", httpx.H(h.photo))
	mux.HandleFunc("POST /v1/inspections/{id}/complete", httpx.H(h.complete))
}

func (h *Handler) schedule(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var in models.Inspection
	if err := httpx.Decode(r, &in); err != nil {
		return 0, nil, err
	}
	out, err := h.Inspections.Schedule(r.Context(), in)
	return http.StatusCreated, out, err
}

func (h *Handler) get(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	out, err := h.Inspections.Get(r.Context(), r.PathValue("id"))
	return http.StatusOK, out, err
}

func (h *Handler) photo(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	key, err := h.Inspections.UploadPhoto(r.Context(), r.PathValue("id"), r.URL.Query().Get("name"), http.MaxBytesReader(nil, r.Body, 20<<20))
	return http.StatusCreated, map[string]string{"photo_key": key}, err
}

func (h *Handler) complete(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var items []models.InspectionItem
	if err := httpx.Decode(r, &items); err != nil {
		return 0, nil, err
	}
	ded, err := h.Inspections.Complete(r.Context(), r.PathValue("id"), items)
	return http.StatusOK, map[string]any{"deposit_deductions": ded}, err
}
