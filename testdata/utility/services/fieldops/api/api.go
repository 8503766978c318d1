// Package api exposes outages and work orders to the operations desk and
// the engineers' handheld app.
package api

import (
	"net/http"
	"time"

	"gridline.energy/platform/kit/httpx"
	"gridline.energy/platform/services/fieldops/outages"
	"gridline.energy/platform/services/fieldops/workorders"
)

type Handler struct {
	outages *outages.Service
	orders  *workorders.Service
}

func New(o *outages.Service, w *workorders.Service) *Handler { return &Handler{outages: o, orders: w} }

func (h *Handler) Register(r httpx.Router) {
	ok, created := http.StatusOK, http.StatusCreated
	r.HandleFunc("GET /outages", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.outages.Open(r.Context())
	}))
	r.HandleFunc("POST /outages", httpx.Handle(created, func(r *http.Request) (any, error) {
		var req outages.DeclareRequest
		if err := httpx.Decode(r, &req); err != nil {
			return nil, err
		}
		return h.outages.Declare(r.Context(), req)
	}))
	r.HandleFunc("GET /outages/{id}", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.outages.Get(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("POST /outages/{id}/restore", httpx.Handle(ok, h.restore))
	r.HandleFunc("POST /sites/{id}/work-orders", httpx.Handle(created, h.raise))
	r.HandleFunc("GET /sites/{id}/work-orders", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.orders.ForSite(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("GET /work-orders/{id}", httpx.Handle(ok, func(r *http.Request) (any, error) {
		return h.orders.Get(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("POST /work-orders/{id}/book", httpx.Handle(ok, h.book))
	r.HandleFunc("POST /work-orders/{id}/complete", httpx.Handle(ok, func(r *http.Request) (any, error) {
		var req workorders.CompleteRequest
		if err := httpx.Decode(r, &req); err != nil {
			return nil, err
		}
		return h.orders.Complete(r.Context(), r.PathValue("id"), req)
	}))
}

func (h *Handler) restore(r *http.Request) (any, error) {
	var req struct {
		At time.Time `json:"at"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	if req.At.IsZero() {
		req.At = time.Now().UTC()
	}
	return h.outages.Restore(r.Context(), r.PathValue("id"), req.At)
}

func (h *Handler) raise(r *http.Request) (any, error) {
	var req struct {
		Kind  string `json:"kind"`
		Notes string `json:"notes"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	return h.orders.Raise(r.Context(), r.PathValue("id"), req.Kind, req.Notes)
}

func (h *Handler) book(r *http.Request) (any, error) {
	var req struct {
		Date string `json:"date"`
		Slot string `json:"slot"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	day, err := httpx.Date("date", req.Date)
	if err != nil {
		return nil, err
	}
	return h.orders.Book(r.Context(), r.PathValue("id"), day, req.Slot)
}
