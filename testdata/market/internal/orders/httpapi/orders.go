// Package httpapi exposes order endpoints for buyers and sellers.
package httpapi

import (
	"net/http"
	"time"

	"loomly.com/api/internal/models"
	"loomly.com/api/internal/orders/domain"
	"loomly.com/api/internal/orders/service"
	"loomly.com/api/internal/orders/shipping"
	"loomly.com/api/platform/httpx"
	"loomly.com/api/platform/money"
)

type Handler struct{ svc *service.Service }

func New(svc *service.Service) *Handler { return &Handler{svc: svc} }

func (h *Handler) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.Handle("GET /v1/orders", auth(http.HandlerFunc(h.listMine)))
	mux.Handle("GET /v1/orders/{id}", auth(http.HandlerFunc(h.get)))
	mux.Handle("GET /v1/me/shop/orders", auth(http.HandlerFunc(h.listShop)))
	mux.Handle("POST /v1/me/shop/orders/{id}/ship", auth(http.HandlerFunc(h.ship)))
}

type orderJSON struct {
	ID          string             `json:"id"`
	ShopID      string             `json:"shop_id"`
	Status      models.OrderStatus `json:"status"`
	Lines       []models.OrderLine `json:"lines"`
	ShipTo      models.Address     `json:"ship_to"`
	Subtotal    money.Money        `json:"subtotal"`
	Shipping    money.Money        `json:"shipping"`
	Total       money.Money        `json:"total"`
	PlacedAt    time.Time          `json:"placed_at"`
	ShippedAt   *time.Time         `json:"shipped_at,omitempty"`
	TrackingURL string             `json:"tracking_url,omitempty"`
}

func render(o *domain.Order) orderJSON {
	j := orderJSON{ID: o.ID, ShopID: o.ShopID, Status: o.Status, Lines: o.Lines, ShipTo: o.ShipTo,
		Subtotal: o.Subtotal, Shipping: o.Shipping, Total: o.Total, PlacedAt: o.PlacedAt}
	if !o.ShippedAt.IsZero() {
		t := o.ShippedAt
		j.ShippedAt = &t
	}
	return j
}

func (h *Handler) listMine(w http.ResponseWriter, r *http.Request) {
	limit, offset := httpx.Page(r)
	os, err := h.svc.ListForBuyer(r.Context(), httpx.UserID(r.Context()), limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := make([]orderJSON, 0, len(os))
	for _, o := range os {
		out = append(out, render(o))
	}
	httpx.JSON(w, http.StatusOK, models.Page[orderJSON]{Items: out, Limit: limit, Offset: offset})
}

func (h *Handler) listShop(w http.ResponseWriter, r *http.Request) {
	limit, offset := httpx.Page(r)
	status := models.OrderStatus(r.URL.Query().Get("status"))
	os, err := h.svc.ListForSeller(r.Context(), httpx.UserID(r.Context()), status, limit, offset)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := make([]orderJSON, 0, len(os))
	for _, o := range os {
		out = append(out, render(o))
	}
	httpx.JSON(w, http.StatusOK, models.Page[orderJSON]{Items: out, Limit: limit, Offset: offset})
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.GetForUser(r.Context(), r.PathValue("id"), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, render(o))
}

func (h *Handler) ship(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Carrier    string `json:"carrier"`
		TrackingNo string `json:"tracking_no"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.svc.Ship(r.Context(), httpx.UserID(r.Context()), r.PathValue("id"), in.Carrier, in.TrackingNo)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	j := render(o)
	j.TrackingURL = shipping.TrackingURL(in.Carrier, in.TrackingNo)
	httpx.JSON(w, http.StatusOK, j)
}
