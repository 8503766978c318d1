// Package webhook receives the payment provider's notifications.
package webhook

import (
	"encoding/json"
	"io"
	"net/http"
	"time"

	"example.com/shop/internal/orders"
	"example.com/shop/internal/payments"
	"example.com/shop/internal/payments/gateway"
	"example.com/shop/internal/platform/clock"
	"example.com/shop/internal/platform/errs"
	"example.com/shop/internal/platform/httpx"
	"example.com/shop/internal/platform/log"
)

const (
	signatureHeader = "Paybridge-Signature"
	tolerance       = 5 * time.Minute
	maxPayload      = 64 << 10
)

type notification struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Data struct {
		ProviderRef string `json:"provider_ref"`
		Reason      string `json:"reason"`
	} `json:"data"`
}

// Handler verifies and dispatches provider notifications. It tells the
// orders context directly when a payment settles.
type Handler struct {
	payments *payments.Service
	orders   *orders.Service
	secret   string
	clock    clock.Clock
	log      *log.Logger
}

// New returns the webhook handler.
func New(pay *payments.Service, ord *orders.Service, secret string, clk clock.Clock, logger *log.Logger) *Handler {
	return &Handler{payments: pay, orders: ord, secret: secret, clock: clk, log: logger.Named("payments.webhook")}
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := h.handle(r); err != nil {
		httpx.Error(w, r, h.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) handle(r *http.Request) error {
	payload, err := io.ReadAll(io.LimitReader(r.Body, maxPayload))
	if err != nil {
		return errs.Invalid("webhook", "cannot read body")
	}
	if err := gateway.Verify(payload, r.Header.Get(signatureHeader), h.secret, h.clock.Now(), tolerance); err != nil {
		return errs.Wrap(errs.KindUnauthorized, "webhook", err)
	}
	var n notification
	if err := json.Unmarshal(payload, &n); err != nil {
		return errs.Invalid("webhook", "malformed notification")
	}
	ctx := r.Context()
	p, err := h.payments.ByProviderRef(ctx, n.Data.ProviderRef)
	if errs.Is(err, errs.KindNotFound) {
		h.log.Warn("notification for unknown payment", log.F("ref", n.Data.ProviderRef), log.F("type", n.Type))
		return nil // acknowledge, or the provider retries forever
	}
	if err != nil {
		return err
	}
	switch n.Type {
	case "payment.captured":
		if err := h.payments.RecordCaptured(ctx, p.ID); err != nil {
			return err
		}
		if err := h.orders.MarkPaid(ctx, p.OrderID, p.ID); err != nil && !errs.Is(err, errs.KindConflict) {
			return err
		}
	case "payment.failed":
		if err := h.payments.RecordFailure(ctx, p.ID, n.Data.Reason); err != nil {
			return err
		}
		if err := h.orders.Cancel(ctx, p.OrderID, "payment_failed"); err != nil && !errs.Is(err, errs.KindConflict) {
			return err
		}
	case "payment.disputed":
		h.log.Error("payment disputed", log.F("payment", p.ID), log.F("order", p.OrderID), log.F("reason", n.Data.Reason))
	default:
		h.log.Debug("ignored notification", log.F("type", n.Type))
	}
	return nil
}
