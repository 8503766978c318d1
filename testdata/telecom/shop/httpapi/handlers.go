// Package httpapi exposes the device shop.
package httpapi

import (
	"net/http"

	"mvno.telco/core/models"
	"mvno.telco/core/platform/httpx"
	"mvno.telco/core/shop"
)

type Handlers struct{ svc *shop.Service }

func New(svc *shop.Service) *Handlers { return &Handlers{svc: svc} }

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/shop/devices", h.devices)
	mux.HandleFunc("POST /v1/shop/orders", h.place)
	mux.HandleFunc("GET /v1/shop/orders/{id}", h.get)
	mux.HandleFunc("POST /v1/shop/orders/{id}/pay", h.pay)
	mux.HandleFunc("POST /v1/shop/orders/{id}/cancel", h.cancel)
}

func (h *Handlers) devices(w http.ResponseWriter, r *http.Request) {
	ds, err := h.svc.Devices(r.Context())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"devices": ds})
}

func (h *Handlers) place(w http.ResponseWriter, r *http.Request) {
	var req struct {
		SubscriberID string             `json:"subscriber_id"`
		ShipTo       string             `json:"ship_to"`
		Items        []models.OrderItem `json:"items"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.svc.PlaceOrder(r.Context(), req.SubscriberID, req.ShipTo, req.Items)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, o)
}

func (h *Handlers) get(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.Order(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, o)
}

func (h *Handlers) pay(w http.ResponseWriter, r *http.Request) {
	var req struct {
		MethodID string `json:"method_id"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.svc.Pay(r.Context(), r.PathValue("id"), req.MethodID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, o)
}

func (h *Handlers) cancel(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Cancel(r.Context(), r.PathValue("id")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
