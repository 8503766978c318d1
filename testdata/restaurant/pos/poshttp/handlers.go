// Package poshttp exposes the POS to terminals.
package poshttp

import (
	"net/http"

	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/models"
	"tablecraft.io/ops/pos"
)

// Handler serves /orders routes.
type Handler struct {
	POS *pos.Service
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /orders", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		var o models.Order
		if err := httpx.Decode(r, &o); err != nil {
			return nil, err
		}
		return &o, h.POS.Open(r.Context(), &o)
	}))
	mux.HandleFunc("GET /orders/{id}", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		return h.POS.Store.Get(r.Context(), id)
	}))
	mux.HandleFunc("GET /locations/{loc}/orders/open", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			return nil, err
		}
		return h.POS.Store.OpenAtLocation(r.Context(), loc)
	}))
	mux.HandleFunc("POST /orders/{id}/lines", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		var b struct {
			MenuItemID  int64   `json:"menu_item_id"`
			Qty         int     `json:"qty"`
			ModifierIDs []int64 `json:"modifier_ids"`
			Notes       string  `json:"notes"`
			Seat        int     `json:"seat"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return h.POS.AddItem(r.Context(), id, b.MenuItemID, b.Qty, b.ModifierIDs, b.Notes, b.Seat)
	}))
	mux.HandleFunc("POST /orders/{id}/lines/{line}/void", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		line, err := httpx.PathID(r, "line")
		if err != nil {
			return nil, err
		}
		var b struct {
			ManagerID int64  `json:"manager_id"`
			Reason    string `json:"reason"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return nil, h.POS.VoidLine(r.Context(), id, line, b.ManagerID, b.Reason)
	}))
	mux.HandleFunc("POST /orders/{id}/comp", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		var b struct {
			Percent   int    `json:"percent"`
			Reason    string `json:"reason"`
			ManagerID int64  `json:"manager_id"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return nil, h.POS.Comp(r.Context(), id, b.Percent, b.Reason, b.ManagerID)
	}))
	mux.HandleFunc("POST /orders/{id}/fire", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		return h.POS.Fire(r.Context(), id)
	}))
	mux.HandleFunc("POST /orders/{id}/loyalty", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return nil, err
		}
		var b struct {
			Phone string `json:"phone"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return nil, h.POS.Store.SetLoyaltyPhone(r.Context(), id, b.Phone)
	}))
}
