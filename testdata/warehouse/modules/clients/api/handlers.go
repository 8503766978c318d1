// Package api exposes client (3PL customer) master data.
package api

import (
	"net/http"
	"regexp"

	"shipwell.io/wms/modules/clients/infra"
	"shipwell.io/wms/pkg/apperr"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/models"
)

var codeRe = regexp.MustCompile(`^[A-Z0-9]{2,8}$`)

type Handler struct{ Store *infra.Store }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /clients", h.list)
	r.HandleFunc("GET /clients/{id}", h.get)
	r.HandleFunc("POST /clients", h.create)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	page := models.Page{Limit: httpx.QueryInt(r, "limit", 100), Offset: httpx.QueryInt(r, "offset", 0)}
	cs, err := h.Store.List(r.Context(), r.URL.Query().Get("active") == "true", page)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, cs)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := auth.ScopeClient(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := h.Store.Get(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, c)
}

func validate(c *models.Client) error {
	if !codeRe.MatchString(c.Code) {
		return apperr.Invalid("client code must be 2-8 upper-case alphanumerics")
	}
	if c.Name == "" || c.BillingEmail == "" {
		return apperr.Invalid("name and billing_email are required")
	}
	return nil
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleAdmin); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var c models.Client
	if err := httpx.Decode(r, &c); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := validate(&c); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if _, err := h.Store.GetByCode(r.Context(), c.Code); err == nil {
		httpx.Error(w, r, apperr.Conflict("client code %s already exists", c.Code))
		return
	}
	c.Active = true
	if err := h.Store.Create(r.Context(), &c); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, c)
}
