// Package owners is the owner portal and the staff owner-accounting API.
package owners

import (
	"net/http"
	"time"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/owners"
	"github.com/keystoneprop/platform/internal/statements"
)

type Handler struct {
	Owners     *owners.Service
	Statements *statements.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/owners", httpx.H(h.create))
	mux.HandleFunc("POST /v1/owners/{id}/statements", httpx.H(h.generate))
	mux.HandleFunc("GET /v1/owner/portfolio", httpx.H(h.portfolio))
	mux.HandleFunc("GET /v1/owner/statements/{id}", httpx.H(h.statement))
	mux.HandleFunc("PUT /v1/owner/preferences", httpx.H(h.preferences))
}

func (h *Handler) create(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var o models.Owner
	if err := httpx.Decode(r, &o); err != nil {
		return 0, nil, err
	}
	o, err := h.Owners.Create(r.Context(), o)
	return http.StatusCreated, o, err
}

func (h *Handler) generate(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleAdmin); err != nil {
		return 0, nil, err
	}
	month, err := time.Parse("2006-01", r.URL.Query().Get("month"))
	if err != nil {
		return 0, nil, errs.E(errs.Invalid, "month must be YYYY-MM")
	}
	st, err := h.Statements.Generate(r.Context(), r.PathValue("id"), month)
	return http.StatusCreated, st, err
}

func (h *Handler) portfolio(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleOwner)
	if err != nil {
		return 0, nil, err
	}
	ps, err := h.Owners.Portfolio(r.Context(), c.OwnerID)
	return http.StatusOK, ps, err
}

func (h *Handler) statement(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleOwner, auth.RoleStaff)
	if err != nil {
		return 0, nil, err
	}
	st, err := h.Statements.Get(r.Context(), r.PathValue("id"))
	if err == nil && c.Role == auth.RoleOwner && st.OwnerID != c.OwnerID {
		err = errs.E(errs.NotFound, "statement not found")
	}
	return http.StatusOK, st, err
}

func (h *Handler) preferences(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleOwner)
	if err != nil {
		return 0, nil, err
	}
	var p owners.Preferences
	if err := httpx.Decode(r, &p); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Owners.UpdatePreferences(r.Context(), c.OwnerID, p)
}
