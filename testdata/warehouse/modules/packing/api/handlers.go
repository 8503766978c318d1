// Package api exposes the pack-bench endpoints.
package api

import (
	"net/http"

	"shipwell.io/wms/modules/packing/app"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
)

type Handler struct{ Svc *app.Service }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("POST /packing/cartons", h.open)
	r.HandleFunc("GET /packing/cartons/{id}", h.get)
	r.HandleFunc("POST /packing/cartons/{id}/items", h.scan)
	r.HandleFunc("POST /packing/cartons/{id}/close", h.close)
	r.HandleFunc("POST /packing/orders/{id}/complete", h.complete)
}

func (h *Handler) open(w http.ResponseWriter, r *http.Request) {
	var req struct {
		OrderID   string `json:"order_id"`
		StationID string `json:"station_id"`
		BoxType   string `json:"box_type"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, _ := auth.From(r.Context())
	c, err := h.Svc.Open(r.Context(), req.OrderID, req.StationID, req.BoxType, p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, c)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	c, err := h.Svc.Store.Carton(r.Context(), h.Svc.DB, r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, c)
}

func (h *Handler) scan(w http.ResponseWriter, r *http.Request) {
	var req struct {
		SKU string `json:"sku"`
		Qty int    `json:"qty"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Scan(r.Context(), r.PathValue("id"), req.SKU, req.Qty); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) close(w http.ResponseWriter, r *http.Request) {
	var req struct {
		WeightG int `json:"weight_g"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.CloseCarton(r.Context(), r.PathValue("id"), req.WeightG); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) {
	sh, err := h.Svc.Complete(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sh)
}
