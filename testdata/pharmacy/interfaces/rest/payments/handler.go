// Package payments exposes refunds and the gateway webhook.
package payments

import (
	"io"
	"net/http"

	app "rxnow.health/backend/application/payments"
	"rxnow.health/backend/kernel/httpx"
)

// Handler serves payment routes.
type Handler struct{ svc *app.Service }

// NewHandler builds the handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /webhooks/payments", h.webhook)
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.HandleWebhook(r.Context(), body, r.Header.Get("X-Gateway-Signature")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.NoContent(w)
}
