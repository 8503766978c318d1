// Package api serves the ordering website and partner webhooks.
package api

import (
	"net/http"
	"time"

	kitchenstore "tablecraft.io/ops/internal/kitchen/store"
	"tablecraft.io/ops/internal/online/cart"
	"tablecraft.io/ops/internal/online/partners"
	"tablecraft.io/ops/internal/platform/errs"
	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/models"
)

// Handler serves /online and /partners routes.
type Handler struct {
	Cart     *cart.Service
	Partners *partners.Registry
	Kitchen  *kitchenstore.Store
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /online/checkout", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		var b struct {
			models.OnlineOrder
			CardToken string `json:"card_token"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return &b.OnlineOrder, h.Cart.Checkout(r.Context(), &b.OnlineOrder, b.CardToken, 0)
	}))
	mux.HandleFunc("GET /online/locations/{loc}/quote", httpx.Func(http.StatusOK, h.quote))
	mux.HandleFunc("POST /partners/{name}/orders", httpx.Func(http.StatusAccepted, func(r *http.Request) (any, error) {
		p, ok := h.Partners.Get(r.PathValue("name"))
		if !ok {
			return nil, errs.NotFound("unknown partner")
		}
		oo, err := p.ParseWebhook(r)
		if err != nil {
			return nil, err
		}
		return map[string]int64{"order_id": oo.OrderID}, h.Cart.Ingest(r.Context(), oo)
	}))
}

// quote estimates the earliest pickup time from the kitchen backlog.
func (h *Handler) quote(r *http.Request) (any, error) {
	loc, err := httpx.PathID(r, "loc")
	if err != nil {
		return nil, err
	}
	load, err := h.Kitchen.QueueLoad(r.Context(), loc)
	if err != nil {
		return nil, err
	}
	per := load.AvgTicketTime
	if per < 8*time.Minute {
		per = 8 * time.Minute
	}
	wait := max(cart.MinLeadTime, per+time.Duration(load.OpenTickets)*time.Minute)
	return map[string]any{"ready_at": time.Now().Add(wait).Round(5 * time.Minute), "open_tickets": load.OpenTickets}, nil
}
