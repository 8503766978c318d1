// Package api exposes payment history, manual receipts and Direct Debit
// mandates.
package api

import (
	"net/http"
	"time"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/models"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/httpx"
	"gridline.energy/platform/kit/ids"
	"gridline.energy/platform/kit/money"
	"gridline.energy/platform/services/payments/directdebit"
	"gridline.energy/platform/services/payments/reconcile"
	"gridline.energy/platform/services/payments/store"
)

type Handler struct {
	store     *store.Store
	dd        *directdebit.Service
	reconcile *reconcile.Reconciler
	accounts  *accounts.Service
}

func New(s *store.Store, dd *directdebit.Service, rec *reconcile.Reconciler, acc *accounts.Service) *Handler {
	return &Handler{store: s, dd: dd, reconcile: rec, accounts: acc}
}

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /accounts/{id}/payments", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		return h.store.ForAccount(r.Context(), r.PathValue("id"), httpx.QueryInt(r, "limit", 50))
	}))
	r.HandleFunc("POST /accounts/{id}/payments", httpx.Handle(http.StatusCreated, h.record))
	r.HandleFunc("POST /accounts/{id}/mandates", httpx.Handle(http.StatusCreated, h.mandate))
	r.HandleFunc("DELETE /mandates/{id}", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		return nil, h.dd.CancelMandate(r.Context(), r.PathValue("id"))
	}))
}

func (h *Handler) mandate(r *http.Request) (any, error) {
	var req struct {
		Holder        string `json:"holder_name"`
		SortCode      string `json:"sort_code"`
		AccountNumber string `json:"account_number"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	return h.dd.CreateMandate(r.Context(), r.PathValue("id"), req.Holder, req.SortCode, req.AccountNumber)
}

// record takes a payment made outside our systems: bank transfer, PayPoint
// or Post Office, keyed by an agent from the remittance.
func (h *Handler) record(r *http.Request) (any, error) {
	var req struct {
		Amount    money.Pence `json:"amount"`
		Method    string      `json:"method"`
		Reference string      `json:"reference"`
		Received  string      `json:"received"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	if req.Amount <= 0 || req.Method != models.MethodBank {
		return nil, errs.Invalid("payments", "a positive bank_transfer amount is required")
	}
	at, err := httpx.Date("received", req.Received)
	if err != nil {
		return nil, err
	}
	acc, err := h.accounts.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	p := models.Payment{ID: ids.New(ids.PrefixPayment), AccountID: acc.ID, Amount: req.Amount,
		Method: req.Method, Reference: req.Reference, ReceivedAt: at}
	if at.IsZero() {
		p.ReceivedAt = time.Now().UTC()
	}
	return p, h.reconcile.Receive(r.Context(), p)
}
