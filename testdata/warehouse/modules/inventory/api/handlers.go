// Package api exposes stock queries, items and adjustments.
package api

import (
	"net/http"

	"shipwell.io/wms/modules/inventory/app"
	"shipwell.io/wms/pkg/auth"
	"shipwell.io/wms/pkg/httpx"
	"shipwell.io/wms/pkg/models"
)

type Handler struct{ Svc *app.Service }

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /inventory", h.balances)
	r.HandleFunc("PUT /items", h.upsertItem)
	r.HandleFunc("GET /items/{client}/{sku}", h.item)
	r.HandleFunc("POST /inventory/adjustments", h.adjust)
}

func (h *Handler) balances(w http.ResponseWriter, r *http.Request) {
	client, err := auth.ScopeClient(r.Context(), r.URL.Query().Get("client_id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	bs, err := h.Svc.Store.BalancesBySKU(r.Context(), client, r.URL.Query().Get("sku"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, bs)
}

func (h *Handler) item(w http.ResponseWriter, r *http.Request) {
	client, err := auth.ScopeClient(r.Context(), r.PathValue("client"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	it, err := h.Svc.Item(r.Context(), client, r.PathValue("sku"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, it)
}

func (h *Handler) upsertItem(w http.ResponseWriter, r *http.Request) {
	var it models.Item
	if err := httpx.Decode(r, &it); err != nil {
		httpx.Error(w, r, err)
		return
	}
	client, err := auth.ScopeClient(r.Context(), it.ClientID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	it.ClientID = client
	if it.Velocity == "" {
		it.Velocity = "C"
	}
	if err := h.Svc.Store.UpsertItem(r.Context(), &it); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, it)
}

func (h *Handler) adjust(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(r.Context(), auth.RoleSupervisor); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req struct {
		BalanceID string `json:"balance_id"`
		Delta     int    `json:"delta"`
		Reason    string `json:"reason"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, _ := auth.From(r.Context())
	if err := h.Svc.Adjust(r.Context(), req.BalanceID, req.Delta, req.Reason, p.UserID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
