// Package properties exposes the property and unit endpoints.
package properties

import (
	"net/http"

	"github.com/keystoneprop/platform/internal/auth"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/models"
	"github.com/keystoneprop/platform/internal/money"
	"github.com/keystoneprop/platform/internal/properties"
	"github.com/keystoneprop/platform/internal/units"
)

type Handler struct {
	Props  *properties.Service
	Units  *units.Service
	Leases *leases.Store // for the occupant panel on the unit page
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/properties", httpx.H(h.list))
	mux.HandleFunc("POST /v1/properties", httpx.H(h.create))
	mux.HandleFunc("GET /v1/properties/{id}", httpx.H(h.get))
	mux.HandleFunc("POST /v1/properties/{id}/deactivate", httpx.H(h.deactivate))
	mux.HandleFunc("GET /v1/properties/{id}/units", httpx.H(h.units))
	mux.HandleFunc("POST /v1/properties/{id}/units", httpx.H(h.createUnit))
	mux.HandleFunc("GET /v1/units/{id}", httpx.H(h.unit))
	mux.HandleFunc("PUT /v1/units/{id}/market-rent", httpx.H(h.marketRent))
}

func (h *Handler) list(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleOwner)
	if err != nil {
		return 0, nil, err
	}
	f := properties.Filter{City: r.URL.Query().Get("city")}
	f.Limit, f.Offset = httpx.Page(r)
	if c.Role == auth.RoleOwner {
		f.OwnerID = c.OwnerID
	}
	ps, err := h.Props.List(r.Context(), f)
	return http.StatusOK, ps, err
}

func (h *Handler) create(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var p models.Property
	if err := httpx.Decode(r, &p); err != nil {
		return 0, nil, err
	}
	p, err := h.Props.Create(r.Context(), p)
	return http.StatusCreated, p, err
}

func (h *Handler) get(r *http.Request) (int, any, error) {
	c, err := auth.Require(r.Context(), auth.RoleStaff, auth.RoleOwner)
	if err != nil {
		return 0, nil, err
	}
	p, err := h.Props.Get(r.Context(), r.PathValue("id"))
	if err == nil && c.Role == auth.RoleOwner && p.OwnerID != c.OwnerID {
		err = errs.E(errs.NotFound, "property not found")
	}
	if err != nil {
		return 0, nil, err
	}
	occ, _ := h.Props.OccupancyRate(r.Context(), p.ID)
	return http.StatusOK, map[string]any{"property": p, "occupancy": occ}, nil
}

func (h *Handler) deactivate(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleAdmin); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, h.Props.Deactivate(r.Context(), r.PathValue("id"))
}

func (h *Handler) units(r *http.Request) (int, any, error) {
	us, err := h.Units.ListByProperty(r.Context(), r.PathValue("id"))
	return http.StatusOK, us, err
}

func (h *Handler) createUnit(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var u models.Unit
	if err := httpx.Decode(r, &u); err != nil {
		return 0, nil, err
	}
	u.PropertyID = r.PathValue("id")
	u, err := h.Units.Create(r.Context(), u)
	return http.StatusCreated, u, err
}

func (h *Handler) unit(r *http.Request) (int, any, error) {
	u, err := h.Units.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	resp := map[string]any{"unit": u}
	if l, err := h.Leases.CurrentForUnit(r.Context(), u.ID); err == nil {
		resp["current_lease"] = map[string]any{"id": l.ID, "ends": l.EndDate, "rent": l.MonthlyRent, "tenants": l.TenantIDs}
	}
	return http.StatusOK, resp, nil
}

func (h *Handler) marketRent(r *http.Request) (int, any, error) {
	if _, err := auth.Require(r.Context(), auth.RoleStaff); err != nil {
		return 0, nil, err
	}
	var body struct {
		Rent string `json:"rent"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return 0, nil, err
	}
	amt, err := money.Parse(body.Rent)
	if err != nil {
		return 0, nil, errs.Wrap(err, errs.Invalid, "market rent")
	}
	return http.StatusNoContent, nil, h.Units.SetMarketRent(r.Context(), r.PathValue("id"), amt)
}
