// Package payhttp exposes payments and tip pools.
package payhttp

import (
	"net/http"

	"tablecraft.io/ops/internal/platform/httpx"
	"tablecraft.io/ops/internal/platform/money"
	"tablecraft.io/ops/payments"
	"tablecraft.io/ops/payments/tips"
)

// Handler serves payment routes.
type Handler struct {
	Payments *payments.Service
	Tips     *tips.Pooler
}

// Routes registers the handlers.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /orders/{id}/payments", func(w http.ResponseWriter, r *http.Request) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		var req payments.ChargeRequest
		if err := httpx.Decode(r, &req); err != nil {
			httpx.Error(w, err)
			return
		}
		req.OrderID = id
		p, err := h.Payments.Charge(r.Context(), req)
		if err != nil {
			httpx.Error(w, err)
			return
		}
		httpx.JSON(w, http.StatusCreated, p)
	})
	mux.HandleFunc("GET /orders/{id}/payments", func(w http.ResponseWriter, r *http.Request) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		ps, err := h.Payments.ForOrder(r.Context(), id)
		if err != nil {
			httpx.Error(w, err)
			return
		}
		httpx.JSON(w, http.StatusOK, ps)
	})
	mux.HandleFunc("POST /payments/{id}/refund", func(w http.ResponseWriter, r *http.Request) {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		var b struct {
			Amount money.Cents `json:"amount"`
			Reason string      `json:"reason"`
		}
		if err := httpx.Decode(r, &b); err != nil {
			httpx.Error(w, err)
			return
		}
		if err := h.Payments.Refund(r.Context(), id, b.Amount, b.Reason); err != nil {
			httpx.Error(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /locations/{loc}/tip-pool", func(w http.ResponseWriter, r *http.Request) {
		loc, err := httpx.PathID(r, "loc")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		date, err := httpx.QueryDate(r, "date")
		if err != nil {
			httpx.Error(w, err)
			return
		}
		allocs, err := h.Tips.Run(r.Context(), loc, date)
		if err != nil {
			httpx.Error(w, err)
			return
		}
		httpx.JSON(w, http.StatusOK, allocs)
	})
}
