// Package http receives PSP webhooks and exposes staff refund endpoints.
package http

import (
	"io"
	"net/http"

	"gatehouse.events/platform/internal/payments/adapters/psp"
	"gatehouse.events/platform/internal/payments/app"
	"gatehouse.events/platform/internal/platform/auth"
	"gatehouse.events/platform/internal/platform/clock"
	"gatehouse.events/platform/internal/platform/httpx"
	"gatehouse.events/platform/internal/platform/logging"
	"gatehouse.events/platform/internal/platform/money"
)

// Handler serves payment routes.
type Handler struct {
	svc   *app.PaymentService
	psp   *psp.Client
	auth  *auth.Signer
	clock clock.Clock
}

// NewHandler builds the handler.
func NewHandler(svc *app.PaymentService, p *psp.Client, a *auth.Signer, c clock.Clock) *Handler {
	return &Handler{svc: svc, psp: p, auth: a, clock: c}
}

// Register implements httpx.Registrar.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/webhooks/paywell", h.webhook)
	mux.HandleFunc("POST /v1/admin/orders/{id}/refund", h.auth.Require(h.refund, auth.RoleStaff))
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	ev, err := h.psp.ParseWebhook(body, r.Header.Get("Paywell-Signature"), h.clock.Now())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.HandleWebhook(r.Context(), ev); err != nil {
		// Non-2xx makes the PSP retry later.
		logging.From(r.Context()).Error("webhook handling failed", "psp_event", ev.ID, "err", err)
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h *Handler) refund(w http.ResponseWriter, r *http.Request) {
	var in struct {
		AmountMinor int64  `json:"amount_minor"`
		Currency    string `json:"currency"`
		Reason      string `json:"reason"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	ref, err := h.svc.RefundOrder(r.Context(), r.PathValue("id"), money.New(in.AmountMinor, in.Currency), in.Reason)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, ref)
}
