// Package api exposes rewards and gift cards.
package api

import (
	"net/http"

	"tablecraft.io/ops/internal/loyalty/giftcards"
	"tablecraft.io/ops/internal/loyalty/points"
	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/internal/platform/money"
)

// Handler serves /loyalty and /giftcards.
type Handler struct {
	Points    *points.Service
	GiftCards *giftcards.Service
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /loyalty/{phone}", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		return h.Points.Account(r.Context(), r.PathValue("phone"))
	}))
	mux.HandleFunc("POST /loyalty", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		var b struct{ Phone, Name string }
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return h.Points.Enroll(r.Context(), b.Phone, b.Name)
	}))
	mux.HandleFunc("POST /loyalty/{phone}/redeem", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		var b struct {
			Rewards int   `json:"rewards"`
			OrderID int64 `json:"order_id"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		credit, err := h.Points.Redeem(r.Context(), r.PathValue("phone"), b.Rewards, b.OrderID)
		return map[string]money.Cents{"credit": credit}, err
	}))
	mux.HandleFunc("POST /giftcards", httpx.Func(http.StatusCreated, func(r *http.Request) (any, error) {
		var b struct {
			Amount     money.Cents `json:"amount"`
			LocationID int64       `json:"location_id"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return h.GiftCards.Issue(r.Context(), b.Amount, b.LocationID)
	}))
	mux.HandleFunc("GET /giftcards/{number}", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		return h.GiftCards.Balance(r.Context(), r.PathValue("number"))
	}))
	mux.HandleFunc("POST /giftcards/{number}/reload", httpx.Func(http.StatusOK, func(r *http.Request) (any, error) {
		var b struct {
			Amount money.Cents `json:"amount"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			return nil, err
		}
		return h.GiftCards.Reload(r.Context(), r.PathValue("number"), b.Amount)
	}))
}
