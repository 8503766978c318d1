// Package api serves the cart and checkout endpoints.
package api

import (
	"net/http"

	"loomly.com/api/internal/checkout"
	"loomly.com/api/internal/models"
	"loomly.com/api/platform/httpx"
)

type API struct{ svc *checkout.Service }

func New(svc *checkout.Service) *API { return &API{svc: svc} }

func (a *API) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.Handle("GET /v1/cart", auth(http.HandlerFunc(a.getCart)))
	mux.Handle("PUT /v1/cart/items/{listingID}", auth(http.HandlerFunc(a.setItem)))
	mux.Handle("DELETE /v1/cart/items/{listingID}", auth(http.HandlerFunc(a.removeItem)))
	mux.Handle("POST /v1/checkout", auth(http.HandlerFunc(a.submit)))
}

func (a *API) getCart(w http.ResponseWriter, r *http.Request) {
	c, err := a.svc.Cart(r.Context(), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := a.svc.Price(r.Context(), c)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"cart_id": c.ID, "priced": p})
}

func (a *API) setItem(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Quantity int `json:"quantity"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	c, err := a.svc.SetItem(r.Context(), httpx.UserID(r.Context()), r.PathValue("listingID"), in.Quantity)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, c)
}

func (a *API) removeItem(w http.ResponseWriter, r *http.Request) {
	if _, err := a.svc.SetItem(r.Context(), httpx.UserID(r.Context()), r.PathValue("listingID"), 0); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) submit(w http.ResponseWriter, r *http.Request) {
	var in struct {
		PaymentMethod string         `json:"payment_method"`
		ShipTo        models.Address `json:"ship_to"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := a.svc.Submit(r.Context(), httpx.UserID(r.Context()), in.PaymentMethod, in.ShipTo)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, res)
}
