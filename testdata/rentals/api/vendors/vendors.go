// Package vendors exposes vendor roster endpoints.
package vendors

import (
	"net/http"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/maintenance/vendors"
	"github.com/keystoneprop/platform/internal/models"
)

type Handler struct{ Vendors *vendors.Service }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/vendors", httpx.H(h.create))
	mux.HandleFunc("GET /v1/vendors/{id}", httpx.H(h.get))
	mux.HandleFunc("POST /v1/vendors/{id}/rating", httpx.H(h.rate))
	mux.HandleFunc("GET /v1/vendors/compliance", httpx.H(h.compliance))
}

func (h *Handler) create(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var body struct {
		models.Vendor
		PropertyIDs []string `json:"property_ids"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	v, err := h.Vendors.Create(r.Context(), body.Vendor, body.PropertyIDs)
	return http.StatusCreated, v, err
}

func (h *Handler) get(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	v, err := h.Vendors.Get(r.Context(), r.PathValue("id"))
	return http.StatusOK, v, err
}

func (h *Handler) rate(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var body struct {
		Score float64 `json:"score"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Vendors.Rate(r.Context(), r.PathValue("id"), body.Score)
}

func (h *Handler) compliance(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	vs, err := h.Vendors.ExpiringInsurance(r.Context(), 30)
	return http.StatusOK, vs, err
}
