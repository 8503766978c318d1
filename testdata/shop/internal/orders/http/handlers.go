// Package http exposes carts, checkout and orders over HTTP.
package http

import (
	"net/http"
	"time"

	"example.com/shop/internal/checkout"
	"example.com/shop/internal/customers/auth"
	"example.com/shop/internal/models"
	"example.com/shop/internal/orders"
	"example.com/shop/internal/orders/cart"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/log"
	"example.com/shop/internal/platform/money"
)

// Handler serves the orders endpoints.
type Handler struct {
	orders   *orders.Service
	carts    *cart.Service
	checkout *checkout.Service
	log      *log.Logger
}

// New returns the orders handler.
func New(o *orders.Service, c *cart.Service, co *checkout.Service, logger *log.Logger) *Handler {
	return &Handler{orders: o, carts: c, checkout: co, log: logger.Named("orders.http")}
}

// Register mounts the routes. signedIn rejects anonymous requests and
// identifies the customer; admin protects back-office endpoints.
func (h *Handler) Register(mux *http.ServeMux, signedIn, admin httpx.Middleware) {
	customer := func(f httpx.HandlerFunc) http.Handler { return signedIn(httpx.Handle(h.log, f)) }
	mux.Handle("POST /carts", customer(h.createCart))
	mux.Handle("GET /carts/{id}", customer(h.getCart))
	mux.Handle("POST /carts/{id}/items", customer(h.addItem))
	mux.Handle("DELETE /carts/{id}/items/{sku}", customer(h.removeItem))
	mux.Handle("GET /carts/{id}/preview", customer(h.preview))
	mux.Handle("POST /checkout", customer(h.placeOrder))
	mux.Handle("GET /orders", customer(h.myOrders))
	mux.Handle("GET /orders/{id}", customer(h.getOrder))
	mux.Handle("POST /orders/{id}/cancel", customer(h.cancel))
	mux.Handle("GET /orders/{id}/history", admin(httpx.Handle(h.log, h.history)))
	mux.Handle("GET /admin/best-sellers", admin(httpx.Handle(h.log, h.bestSellers)))
}

type itemJSON struct {
	SKU       string      `json:"sku"`
	Name      string      `json:"name"`
	Quantity  int         `json:"quantity"`
	UnitPrice money.Money `json:"unit_price"`
	Total     money.Money `json:"total"`
}

type orderJSON struct {
	ID          string             `json:"id"`
	Status      models.OrderStatus `json:"status"`
	Items       []itemJSON         `json:"items"`
	Subtotal    money.Money        `json:"subtotal"`
	ShippingFee money.Money        `json:"shipping_fee"`
	Total       money.Money        `json:"total"`
	PlacedAt    time.Time          `json:"placed_at"`
	Cancellable bool               `json:"cancellable"`
}

func toJSON(o *models.Order) orderJSON {
	out := orderJSON{
		ID: o.ID, Status: o.Status, Subtotal: o.Subtotal, ShippingFee: o.ShippingFee, Total: o.Total,
		PlacedAt: o.PlacedAt, Cancellable: o.Cancellable(), Items: make([]itemJSON, 0, len(o.Items)),
	}
	for _, it := range o.Items {
		out.Items = append(out.Items, itemJSON{SKU: it.SKU, Name: it.Name, Quantity: it.Quantity, UnitPrice: it.UnitPrice, Total: it.LineTotal()})
	}
	return out
}

func customerID(r *http.Request) (string, error) {
	id, ok := auth.CustomerID(r.Context())
	if !ok {
		return "", errs.Unauthorized("orders.http", "sign in first")
	}
	return id, nil
}

// ownOrder loads an order of the signed-in customer.
func (h *Handler) ownOrder(r *http.Request) (*models.Order, error) {
	cid, err := customerID(r)
	if err != nil {
		return nil, err
	}
	o, err := h.orders.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if o.CustomerID != cid {
		return nil, errs.NotFound("orders.http", "order %q not found", o.ID)
	}
	return o, nil
}

func (h *Handler) createCart(w http.ResponseWriter, r *http.Request) error {
	cid, err := customerID(r)
	if err != nil {
		return err
	}
	var req struct {
		Currency money.Currency `json:"currency"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	c, err := h.carts.Create(r.Context(), cid, req.Currency)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, c)
	return nil
}

func (h *Handler) getCart(w http.ResponseWriter, r *http.Request) error {
	c, err := h.carts.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, c)
	return nil
}

func (h *Handler) addItem(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		SKU      string `json:"sku"`
		Quantity int    `json:"quantity"`
	}
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	c, err := h.carts.AddItem(r.Context(), r.PathValue("id"), req.SKU, req.Quantity)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, c)
	return nil
}

func (h *Handler) removeItem(w http.ResponseWriter, r *http.Request) error {
	c, err := h.carts.RemoveItem(r.Context(), r.PathValue("id"), r.PathValue("sku"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, c)
	return nil
}

func (h *Handler) preview(w http.ResponseWriter, r *http.Request) error {
	cid, err := customerID(r)
	if err != nil {
		return err
	}
	sum, err := h.checkout.Preview(r.Context(), cid, r.PathValue("id"), r.URL.Query().Get("address_id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, sum)
	return nil
}

func (h *Handler) placeOrder(w http.ResponseWriter, r *http.Request) error {
	cid, err := customerID(r)
	if err != nil {
		return err
	}
	var req checkout.Request
	if err := httpx.Decode(w, r, &req); err != nil {
		return err
	}
	req.CustomerID = cid
	res, err := h.checkout.Checkout(r.Context(), req)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"order": toJSON(res.Order), "payment_status": res.Payment.Status})
	return nil
}

func (h *Handler) myOrders(w http.ResponseWriter, r *http.Request) error {
	cid, err := customerID(r)
	if err != nil {
		return err
	}
	limit, err := httpx.QueryInt(r, "limit", 20, 100)
	if err != nil {
		return err
	}
	list, err := h.orders.ForCustomer(r.Context(), cid, limit)
	if err != nil {
		return err
	}
	out := make([]orderJSON, 0, len(list))
	for i := range list {
		out = append(out, toJSON(&list[i]))
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": out})
	return nil
}

func (h *Handler) getOrder(w http.ResponseWriter, r *http.Request) error {
	o, err := h.ownOrder(r)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, toJSON(o))
	return nil
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) error {
	o, err := h.ownOrder(r)
	if err != nil {
		return err
	}
	if err := h.orders.Cancel(r.Context(), o.ID, "customer_request"); err != nil {
		return err
	}
	httpx.NoContent(w)
	return nil
}

func (h *Handler) history(w http.ResponseWriter, r *http.Request) error {
	entries, err := h.orders.History(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": entries})
	return nil
}

func (h *Handler) bestSellers(w http.ResponseWriter, r *http.Request) error {
	days, err := httpx.QueryInt(r, "days", 30, 365)
	if err != nil {
		return err
	}
	limit, err := httpx.QueryInt(r, "limit", 20, 100)
	if err != nil {
		return err
	}
	since := time.Now().UTC().AddDate(0, 0, -days)
	list, err := h.orders.BestSellers(r.Context(), since, limit)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"since": since, "items": list})
	return nil
}
