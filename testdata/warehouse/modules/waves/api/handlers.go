// Package api exposes wave management and the picker RF endpoints.
package api

import (
	"net/http"

	"shipwell.io/wms/modules/waves/app"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
)

type Handler struct{ Svc *app.Service }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /waves/{id}", h.get)
	r.HandleFunc("POST /waves/release", h.release)
	r.HandleFunc("POST /picking/next", h.next)
	r.HandleFunc("POST /picking/tasks/{id}/confirm", h.confirm)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	wv, err := h.Svc.Store.Wave(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, wv)
}

func (h *Handler) release(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	ws, err := h.Svc.PlanAndRelease(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, ws)
}

func (h *Handler) next(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.From(r.Context())
	t, err := h.Svc.NextTask(r.Context(), p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if t == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	httpx.JSON(w, http.StatusOK, t)
}

func (h *Handler) confirm(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Qty        int    `json:"qty"`
		ScannedLoc string `json:"scanned_location"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, _ := auth.From(r.Context())
	t, err := h.Svc.Confirm(r.Context(), r.PathValue("id"), req.ScannedLoc, req.Qty, p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, t)
}
