// Package api serves suppliers, purchase orders and stock counts.
package api

import (
	"net/http"

	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/internal/purchasing/orders"
	"tablecraft.io/ops/internal/purchasing/suppliers"
	"tablecraft.io/ops/inventory/counts"
	"tablecraft.io/ops/models"
)

// Handler serves purchasing routes.
type Handler struct {
	Orders    *orders.Service
	Suppliers *suppliers.Service
	Counts    *counts.Service
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /suppliers", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		var sp models.Supplier
		if err := httpx.Decode(r, &sp); err != nil {
			return nil, err
		}
		return &sp, h.Suppliers.Save(r.Context(), &sp)
	}))
	mux.HandleFunc("POST /locations/{loc}/purchase-orders/suggest", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			return nil, err
		}
		return h.Orders.Suggest(r.Context(), loc)
	}))
	mux.HandleFunc("POST /purchase-orders/{id}/submit", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		return nil, h.Orders.Submit(r.Context(), id)
	}))
	mux.HandleFunc("POST /purchase-orders/{id}/receive", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		var lines map[int64]float64
		if err := httpx.Decode(r, &lines); err != nil {
			return nil, err
		}
		return nil, h.Orders.Receive(r.Context(), id, lines)
	}))
	mux.HandleFunc("POST /locations/{loc}/counts", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			return nil, err
		}
		emp, err := httpx.QueryID(r, "employee")
		if err != nil {
			return nil, err
		}
		id, err := h.Counts.Start(r.Context(), loc, emp)
		return map[string]int64{"count_id": id}, err
	}))
	mux.HandleFunc("PUT /counts/{id}/items/{item}", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		item, err := httpx.PathID(r, "item")
		if err != nil {
			return nil, err
		}
		var b struct {
			Qty float64 `json:"qty"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return nil, h.Counts.Record(r.Context(), id, item, b.Qty)
	}))
	mux.HandleFunc("POST /counts/{id}/finalize", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		return h.Counts.Finalize(r.Context(), id)
	}))
}
