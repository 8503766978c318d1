// Package httpapi exposes payments to staff tools and receives PSP webhooks.
package httpapi

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/staybright/platform/internal/payments"
	"github.com/staybright/platform/internal/payments/gateway"
	"github.com/staybright/platform/internal/pkg/auth"
	"github.com/staybright/platform/internal/pkg/errs"
	"github.com/staybright/platform/internal/pkg/httpx"
	"github.com/staybright/platform/internal/pkg/money"
)

// Handler serves payment routes.
type Handler struct {
	svc           *payments.Service
	auth          auth.Verifier
	webhookSecret string
}

// New builds the handler.
func New(svc *payments.Service, v auth.Verifier, webhookSecret string) *Handler {
	return &Handler{svc: svc, auth: v, webhookSecret: webhookSecret}
}

// Register mounts the routes.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/staff/payments/{id}", auth.Require(h.auth, auth.RoleFrontDesk, h.get))
	mux.HandleFunc("POST /v1/staff/payments/{id}/refunds", auth.Require(h.auth, auth.RoleManager, h.refund))
	mux.HandleFunc("POST /v1/webhooks/psp", h.webhook)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, p)
}

type refundBody struct {
	Amount string `json:"amount"`
	Reason string `json:"reason"`
}

func (h *Handler) refund(w http.ResponseWriter, r *http.Request) {
	var b refundBody
	if err := httpx.Decode(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	amount, err := money.Parse(b.Amount, p.Currency)
	if err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "httpapi.refund", "invalid amount"))
		return
	}
	who, _ := auth.FromContext(r.Context())
	rf, err := h.svc.Refund(r.Context(), payments.RefundRequest{
		PaymentID: p.ID, Amount: amount, Reason: b.Reason, RequestedBy: who.StaffID,
		Approved: who.Has(auth.RoleManager),
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusAccepted, rf)
}

func (h *Handler) webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "httpapi.webhook", "unreadable body"))
		return
	}
	if !gateway.VerifyWebhook(h.webhookSecret, body, r.Header.Get("X-Signature")) {
		httpx.Error(w, r, errs.E(errs.Unauthorized, "httpapi.webhook", "bad signature"))
		return
	}
	var batch struct {
		Items []payments.Notification `json:"notificationItems"`
	}
	if err := json.Unmarshal(body, &batch); err != nil {
		httpx.Error(w, r, errs.Wrapf(errs.Invalid, err, "httpapi.webhook", "malformed notification"))
		return
	}
	for _, n := range batch.Items {
		if err := h.svc.HandleNotification(r.Context(), n); err != nil && !errs.IsNotFound(err) {
			httpx.Error(w, r, err)
			return
		}
	}
	// The PSP expects this exact body.
	_, _ = w.Write([]byte("[accepted]"))
}
