// Package httpapi exposes food ordering to eaters and restaurant tablets.
package httpapi

import (
	"net/http"
	"time"

	restaurantservice "github.com/zipcab/backend/app/restaurant/service"
	"github.com/zipcab/backend/modules/foodorder"
	"github.com/zipcab/backend/pkg/auth"
	"github.com/zipcab/backend/pkg/errs"
	"github.com/zipcab/backend/pkg/httpx"
)

// Handler serves /v1/eats/orders and /v1/restaurant/orders.
type Handler struct {
	orders      *foodorder.Service
	restaurants *restaurantservice.RestaurantService
}

// New returns a handler.
func New(orders *foodorder.Service, rs *restaurantservice.RestaurantService) *Handler {
	return &Handler{orders: orders, restaurants: rs}
}

// Register mounts routes.
func (h *Handler) Register(mux httpx.Router, signer *auth.Signer) {
	eater := signer.Middleware(auth.RoleRider)
	staff := signer.Middleware(auth.RoleRestaurant)
	mux.Handle("POST /v1/eats/orders", eater(http.HandlerFunc(h.place)))
	mux.Handle("GET /v1/eats/orders/{id}", eater(http.HandlerFunc(h.get)))
	mux.Handle("GET /v1/restaurant/orders", staff(http.HandlerFunc(h.inbox)))
	mux.Handle("POST /v1/restaurant/orders/{id}/accept", staff(http.HandlerFunc(h.accept)))
	mux.Handle("POST /v1/restaurant/orders/{id}/ready", staff(http.HandlerFunc(h.ready)))
	mux.Handle("POST /v1/restaurant/orders/{id}/reject", staff(http.HandlerFunc(h.reject)))
}

func (h *Handler) place(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	var in foodorder.PlaceInput
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.orders.Place(r.Context(), p.UserID, in)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, o)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.orders.Get(r.Context(), id)
	if err == nil && o.EaterID != p.UserID {
		err = errs.NotFound("foodorder.get", "order")
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, o)
}

// inbox is long-polled by the tablet app with ?since=<RFC3339>.
func (h *Handler) inbox(w http.ResponseWriter, r *http.Request) {
	p, _ := auth.FromContext(r.Context())
	rest, err := h.restaurants.ForOwner(r.Context(), p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	since, _ := time.Parse(time.RFC3339, r.URL.Query().Get("since"))
	deadline := time.Now().Add(25 * time.Second)
	for {
		orders, err := h.orders.Inbox(r.Context(), rest.ID, since)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		if len(orders) > 0 || time.Now().After(deadline) {
			httpx.JSON(w, http.StatusOK, map[string]any{"orders": orders, "server_time": time.Now().UTC()})
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
}

func (h *Handler) staffAction(w http.ResponseWriter, r *http.Request, fn func(restaurantID, orderID int64) error) {
	p, _ := auth.FromContext(r.Context())
	rest, err := h.restaurants.ForOwner(r.Context(), p.UserID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	id, err := httpx.PathInt64(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := fn(rest.ID, id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) accept(w http.ResponseWriter, r *http.Request) {
	h.staffAction(w, r, func(rid, oid int64) error { return h.orders.Accept(r.Context(), rid, oid) })
}

func (h *Handler) ready(w http.ResponseWriter, r *http.Request) {
	h.staffAction(w, r, func(rid, oid int64) error { return h.orders.MarkReady(r.Context(), rid, oid) })
}

func (h *Handler) reject(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Reason string `json:"reason"`
	}
	_ = httpx.Decode(r, &req)
	h.staffAction(w, r, func(rid, oid int64) error { return h.orders.Reject(r.Context(), rid, oid, req.Reason) })
}
