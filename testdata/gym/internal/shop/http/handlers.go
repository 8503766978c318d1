// Package http exposes the shop API.
package http

import (
	"net/http"

	"github.com/pulsefit/clubs/internal/models"
	"github.com/pulsefit/clubs/internal/shop/catalog"
	"github.com/pulsefit/clubs/internal/shop/orders"
	"github.com/pulsefit/clubs/internal/shop/stock"
	"github.com/pulsefit/clubs/pkg/httpx"
)

type Handlers struct {
	Catalog *catalog.Catalog
	Stock   *stock.Ledger
	Orders  *orders.Service
}

func (h *Handlers) Register(mux *http.ServeMux) {
	mux.Handle("GET /shop/products", httpx.Handler(h.products))
	mux.Handle("PUT /shop/products", httpx.StaffOnly(httpx.Handler(h.upsert)))
	mux.Handle("DELETE /shop/products/{id}", httpx.StaffOnly(httpx.Handler(h.deactivate)))
	mux.Handle("POST /shop/orders", httpx.Handler(h.place))
	mux.Handle("POST /shop/orders/{id}/collect", httpx.StaffOnly(httpx.Handler(h.collect)))
	mux.Handle("GET /members/{id}/orders", httpx.Handler(h.memberOrders))
	mux.Handle("POST /shop/stock/{club}/{product}/receive", httpx.StaffOnly(httpx.Handler(h.receive)))
	mux.Handle("GET /shop/stock/low", httpx.StaffOnly(httpx.Handler(h.low)))
}

func (h *Handlers) products(w http.ResponseWriter, r *http.Request) error {
	ps, err := h.Catalog.List(r.Context(), r.URL.Query().Get("category"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, ps)
	return nil
}

func (h *Handlers) upsert(w http.ResponseWriter, r *http.Request) error {
	var p models.Product
	if err := httpx.Decode(r, &p); err != nil {
		return err
	}
	p, err := h.Catalog.Upsert(r.Context(), p)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, p)
	return nil
}

func (h *Handlers) deactivate(w http.ResponseWriter, r *http.Request) error {
	if err := h.Catalog.Deactivate(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) place(w http.ResponseWriter, r *http.Request) error {
	var req orders.PlaceRequest
	if err := httpx.Decode(r, &req); err != nil {
		return err
	}
	o, err := h.Orders.Place(r.Context(), req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, o)
	return nil
}

func (h *Handlers) collect(w http.ResponseWriter, r *http.Request) error {
	if err := h.Orders.Collect(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) memberOrders(w http.ResponseWriter, r *http.Request) error {
	os, err := h.Orders.ForMember(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, os)
	return nil
}

func (h *Handlers) receive(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Quantity int    `json:"quantity"`
		Ref      string `json:"ref"`
	}
	if err := httpx.Decode(r, &body); err != nil {
		return err
	}
	if err := h.Stock.Receive(r.Context(), r.PathValue("club"), r.PathValue("product"), body.Quantity, body.Ref); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (h *Handlers) low(w http.ResponseWriter, r *http.Request) error {
	out, err := h.Stock.LowStock(r.Context())
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}
