// Package api exposes shipping endpoints for the dock and for clients.
package api

import (
	"net/http"

	"shipwell.io/wms/modules/shipping/app"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
)

type Handler struct{ Svc *app.Service }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /shipments/{id}", h.get)
	r.HandleFunc("POST /manifests", h.manifest)
	r.HandleFunc("POST /manifests/{id}/dispatch", h.dispatch)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	sh, err := h.Svc.Store.Get(r.Context(), r.PathValue("id"))
	if err == nil {
		_, err = auth.ScopeClient(r.Context(), sh.ClientID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sh)
}

func (h *Handler) manifest(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		Carrier string `json:"carrier"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	id, n, err := h.Svc.Manifest(r.Context(), req.Carrier)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"manifest_id": id, "shipments": n})
}

func (h *Handler) dispatch(w http.ResponseWriter, r *http.Request) {
	n, err := h.Svc.Dispatch(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]int{"dispatched": n})
}
