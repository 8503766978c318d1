// Package api exposes outbound order endpoints to clients and customer
// service.
package api

import (
	"net/http"

	"shipwell.io/wms/modules/orders/app"
	wavesinfra "shipwell.io/wms/modules/waves/infra"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/models"
)

type Handler struct {
	Svc   *app.Service
	Waves *wavesinfra.Store // pick progress for the order detail screen
}

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /orders", h.list)
	r.HandleFunc("GET /orders/{id}", h.get)
	r.HandleFunc("GET /orders/{id}/progress", h.progress)
	r.HandleFunc("POST /orders", h.create)
	r.HandleFunc("POST /orders/import", h.importCSV)
	r.HandleFunc("POST /orders/{id}/allocate", h.allocate)
	r.HandleFunc("POST /orders/{id}/cancel", h.cancel)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	client, err := auth.ScopeClient(r.Context(), r.URL.Query().Get("client_id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	page := models.Page{Limit: httpx.QueryInt(r, "limit", 100), Offset: httpx.QueryInt(r, "offset", 0)}
	os, err := h.Svc.Store.List(r.Context(), client, models.OrderStatus(r.URL.Query().Get("status")), page)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, os)
}

func (h *Handler) load(w http.ResponseWriter, r *http.Request) (*models.Order, bool) {
	o, err := h.Svc.Get(r.Context(), r.PathValue("id"))
	if err == nil {
		_, err = auth.ScopeClient(r.Context(), o.ClientID)
	}
	if err != nil {
		httpx.Error(w, r, err)
		return nil, false
	}
	return o, true
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	if o, ok := h.load(w, r); ok {
		httpx.JSON(w, http.StatusOK, o)
	}
}

func (h *Handler) progress(w http.ResponseWriter, r *http.Request) {
	o, ok := h.load(w, r)
	if !ok {
		return
	}
	tasks, err := h.Waves.OrderTasks(r.Context(), o.ID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	picked, total := 0, 0
	for _, t := range tasks {
		picked += t.PickedQty
		total += t.Qty
	}
	httpx.JSON(w, http.StatusOK, map[string]any{
		"order_id": o.ID, "status": o.Status, "wave_id": o.WaveID,
		"units_picked": picked, "units_to_pick": total, "tasks": tasks,
	})
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var o models.Order
	if err := httpx.Decode(r, &o); err != nil {
		httpx.Error(w, r, err)
		return
	}
	client, err := auth.ScopeClient(r.Context(), o.ClientID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	o.ClientID = client
	if err := h.Svc.Create(r.Context(), &o); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, o)
}

func (h *Handler) importCSV(w http.ResponseWriter, r *http.Request) {
	client, err := auth.ScopeClient(r.Context(), r.URL.Query().Get("client_id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	n, errs, err := h.Svc.ImportCSV(r.Context(), http.MaxBytesReader(w, r.Body, 16<<20), client)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"created": n, "errors": errs})
}

func (h *Handler) allocate(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.Svc.Allocate(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, o)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.load(w, r); !ok {
		return
	}
	var req struct {
		Reason string `json:"reason"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.Svc.Cancel(r.Context(), r.PathValue("id"), req.Reason); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
