// Package shipping exposes tracking endpoints and the carrier webhook.
package shipping

import (
	"crypto/subtle"
	"net/http"
	"time"

	app "rxnow.health/backend/application/shipping"
	"rxnow.health/backend/kernel/errs"
	"rxnow.health/backend/kernel/httpx"
)

// Handler serves shipping routes.
type Handler struct {
	svc         *app.Service
	webhookAuth string
}

// NewHandler builds the handler.
func NewHandler(svc *app.Service, webhookAuth string) *Handler {
	return &Handler{svc: svc, webhookAuth: webhookAuth}
}

// Register mounts routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /webhooks/carrier", h.webhook)
	mux.HandleFunc("GET /orders/{id}/shipment", h.forOrder)
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Carrier-Token")), []byte(h.webhookAuth)) != 1 {
		httpx.Error(w, r, errs.E("shipping.webhook", errs.Unauthorized, "bad token"))
		return
	}
	var req struct {
		TrackingNumber string    `json:"tracking_number"`
		Status         string    `json:"status"`
		Detail         string    `json:"detail"`
		OccurredAt     time.Time `json:"occurred_at"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	err := h.svc.ApplyTracking(r.Context(), app.TrackingUpdate{TrackingNumber: req.TrackingNumber, Status: req.Status, Detail: req.Detail, OccurredAt: req.OccurredAt})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.NoContent(w)
}

func (h *Handler) forOrder(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	sh, err := h.svc.ForOrder(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, sh)
}
