// Package listings exposes public listing search and staff listing management.
package listings

import (
	"net/http"
	"strconv"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/listings"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
)

type Handler struct{ Listings *listings.Service }

// RegisterPublic mounts the unauthenticated website endpoints.
func (h *Handler) RegisterPublic(mux *http.ServeMux) {
	mux.HandleFunc("GET /public/listings", httpx.H(h.search))
	mux.HandleFunc("GET /public/listings/{id}", httpx.H(h.get))
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/listings", httpx.H(h.create))
	mux.HandleFunc("POST /v1/listings/{id}/publish", httpx.H(h.publish))
	mux.HandleFunc("POST /v1/listings/{id}/unpublish", httpx.H(h.unpublish))
}

func (h *Handler) search(r *http.Request) (int, any, error) {
	q := r.URL.Query()
	beds, _ := strconv.Atoi(q.Get("beds"))
	maxRent, _ := money.Parse(q.Get("max_rent"))
	query := listings.Query{City: q.Get("city"), MinBeds: beds, MaxRent: maxRent, PetsAllowed: q.Get("pets") == "true"}
	query.Limit, query.Offset = httpx.Page(r)
	res, err := h.Listings.Search(r.Context(), query)
	return http.StatusOK, res, err
}

func (h *Handler) get(r *http.Request) (int, any, error) {
	l, err := h.Listings.Get(r.Context(), r.PathValue("id"))
	if err == nil && !l.Published {
		err = errs.E(errs.NotFound, "listing not found")
	}
	return http.StatusOK, l, err
}

func (h *Handler) create(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var l models.Listing
	if err := httpx.Decode(r, &l); err != nil {
		return 0, nil, err
	}
	l, err := h.Listings.Create(r.Context(), l)
	return http.StatusCreated, l, err
}

func (h *Handler) publish(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Listings.Publish(r.Context(), r.PathValue("id"))
}

func (h *Handler) unpublish(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Listings.Unpublish(r.Context(), r.PathValue("id"))
}
