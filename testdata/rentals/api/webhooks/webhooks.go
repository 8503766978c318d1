// Package webhooks receives callbacks from the payment processor and the
// e-signature provider.
package webhooks

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/keystoneprop/platform/internal/disbursements"
	"github.com/keystoneprop/platform/internal/errs"
	"github.com/keystoneprop/platform/internal/httpx"
	"github.com/keystoneprop/platform/internal/leases"
	"github.com/keystoneprop/platform/internal/leases/esign"
	"github.com/keystoneprop/platform/internal/logging"
	"github.com/keystoneprop/platform/internal/payments"
	"github.com/keystoneprop/platform/internal/payments/gateway"
)

type Handler struct {
	GatewaySecret string
	ESignToken    string
	Payments      *payments.Service
	Disbursements *disbursements.Job
	Leases        *leases.Service
}

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /hooks/gateway", h.gateway)
	mux.HandleFunc("POST /hooks/esign", h.esign)
}

func (h *Handler) gateway(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		httpx.Error(w, r, errs.Wrap(err, errs.Invalid, "read body"))
		return
	}
	ev, err := gateway.VerifyWebhook(h.GatewaySecret, body, r.Header.Get("X-Signature"))
	if err != nil {
		httpx.Error(w, r, errs.Wrap(err, errs.Unauthorized, "signature"))
		return
	}
	ctx := r.Context()
	switch ev.Type {
	case "charge.succeeded":
		err = h.Payments.Settle(ctx, ev.ObjectRef)
	case "charge.failed":
		err = h.Payments.Fail(ctx, ev.ObjectRef, ev.Code)
	case "charge.returned":
		err = h.Payments.Return(ctx, ev.ObjectRef, ev.Code)
	case "payout.paid", "payout.failed":
		err = h.Disbursements.OnPayoutEvent(ctx, ev.ObjectRef, ev.Type == "payout.paid")
	default:
		logging.From(ctx).Info("ignored gateway event", "type", ev.Type)
	}
	if err != nil && !errs.Is(err, errs.NotFound) {
		httpx.Error(w, r, err)
		return
	}
	httpx.NoContent(w)
}

func (h *Handler) esign(w http.ResponseWriter, r *http.Request) {
	if tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Token "); tok != h.ESignToken {
		httpx.Error(w, r, errs.E(errs.Unauthorized, "bad token"))
		return
	}
	var cb esign.Callback
	if err := json.NewDecoder(r.Body).Decode(&cb); err != nil {
		httpx.Error(w, r, errs.Wrap(err, errs.Invalid, "callback"))
		return
	}
	if err := h.Leases.HandleSignature(r.Context(), cb); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.NoContent(w)
}
