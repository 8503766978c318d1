// Package api exposes location maintenance endpoints.
package api

import (
	"net/http"

	"shipwell.io/wms/modules/locations/app"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/models"
)

type Handler struct{ Svc *app.Service }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /locations/{code}", h.get)
	r.HandleFunc("GET /zones/{zone}/locations", h.listZone)
	r.HandleFunc("POST /locations", h.create)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	l, err := h.Svc.Store.GetByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, l)
}

func (h *Handler) listZone(w http.ResponseWriter, r *http.Request) {
	ls, err := h.Svc.Store.ListZone(r.Context(), r.PathValue("zone"), models.LocationType(r.URL.Query().Get("type")))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ls)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var l models.Location
	if err := httpx.Decode(r, &l); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Create(r.Context(), &l); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, l)
}
