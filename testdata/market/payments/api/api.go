// Package api serves payment endpoints: the PayBridge webhook and the seller
// balance / payout history views.
package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"loomly.com/api/internal/models"
	shopsvc "loomly.com/api/internal/shops/service"
	"loomly.com/api/payments/gateway"
	"loomly.com/api/payments/ledger"
	"loomly.com/api/payments/payouts"
	"loomly.com/api/platform/events"
	"loomly.com/api/platform/httpx"
	"loomly.com/api/platform/logging"
)

type Handler struct {
	ledger        *ledger.Ledger
	payouts       *payouts.Runner
	shops         *shopsvc.Service
	bus           *events.Bus
	webhookSecret string
}

func New(l *ledger.Ledger, p *payouts.Runner, shops *shopsvc.Service, bus *events.Bus, secret string) *Handler {
	return &Handler{ledger: l, payouts: p, shops: shops, bus: bus, webhookSecret: secret}
}

func (h *Handler) Register(mux *http.ServeMux, auth func(http.Handler) http.Handler) {
	mux.HandleFunc("POST /webhooks/paybridge", h.webhook)
	mux.Handle("GET /v1/me/shop/balance", auth(http.HandlerFunc(h.balance)))
	mux.Handle("GET /v1/me/shop/payouts", auth(http.HandlerFunc(h.history)))
	mux.Handle("GET /v1/payments/{id}", auth(http.HandlerFunc(h.getPayment)))
}

type webhookEvent struct {
	Type string `json:"type"`
	Data struct {
		ChargeID  string `json:"charge_id"`
		Reference string `json:"reference"` // our payment id
	} `json:"data"`
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || !gateway.VerifySignature(h.webhookSecret, body, r.Header.Get("PayBridge-Signature")) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var ev webhookEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if err := h.apply(r.Context(), ev); err != nil {
		logging.From(r.Context()).Error("webhook apply", "type", ev.Type, "err", err)
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h *Handler) apply(ctx context.Context, ev webhookEvent) error {
	switch ev.Type {
	case "charge.captured":
		if err := h.ledger.SetPaymentStatus(ctx, ev.Data.Reference, models.PaymentCaptured); err != nil {
			return err
		}
		h.bus.Publish(ctx, events.Event{Name: events.PaymentCaptured, Key: ev.Data.Reference})
	case "charge.failed":
		return h.ledger.SetPaymentStatus(ctx, ev.Data.Reference, models.PaymentFailed)
	case "charge.refunded":
		return h.ledger.SetPaymentStatus(ctx, ev.Data.Reference, models.PaymentRefunded)
	}
	return nil
}

func (h *Handler) balance(w http.ResponseWriter, r *http.Request) {
	sh, err := h.shops.MyShop(r.Context(), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	bal, err := h.ledger.Balance(r.Context(), sh.ID)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"shop_id": sh.ID, "balances": bal})
}

func (h *Handler) history(w http.ResponseWriter, r *http.Request) {
	sh, err := h.shops.MyShop(r.Context(), httpx.UserID(r.Context()))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	limit, _ := httpx.Page(r)
	ps, err := h.payouts.History(r.Context(), sh.ID, limit)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": ps})
}

func (h *Handler) getPayment(w http.ResponseWriter, r *http.Request) {
	p, err := h.ledger.GetPayment(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if p.BuyerID != httpx.UserID(r.Context()) {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"id": p.ID, "status": p.Status, "amount": p.Amount})
}
