// Package handlers is the HTTP surface of billing: bills, credits and
// manual bill runs.
package handlers

import (
	"net/http"

	"gridline.energy/platform/core/accounts"
	"gridline.energy/platform/core/billing/adjust"
	"gridline.energy/platform/core/billing/invoice"
	"gridline.energy/platform/core/billing/runs"
	"gridline.energy/platform/kit/errs"
	"gridline.energy/platform/kit/httpx"
)

type Handler struct {
	invoices *invoice.Store
	adjust   *adjust.Service
	runs     *runs.Runner
	accounts *accounts.Service
}

func New(inv *invoice.Store, adj *adjust.Service, rr *runs.Runner, acc *accounts.Service) *Handler {
	return &Handler{invoices: inv, adjust: adj, runs: rr, accounts: acc}
}

func (h *Handler) Register(r httpx.Router) {
	r.HandleFunc("GET /accounts/{id}/bills", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		return h.invoices.ForAccount(r.Context(), r.PathValue("id"), httpx.QueryInt(r, "limit", 24))
	}))
	r.HandleFunc("GET /bills/{id}", httpx.Handle(http.StatusOK, func(r *http.Request) (any, error) {
		return h.invoices.Get(r.Context(), r.PathValue("id"))
	}))
	r.HandleFunc("POST /accounts/{id}/credits", httpx.Handle(http.StatusCreated, h.credit))
	r.HandleFunc("POST /bill-runs", httpx.Handle(http.StatusOK, h.run))
}

func (h *Handler) credit(r *http.Request) (any, error) {
	var req adjust.CreditRequest
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	req.AccountID = r.PathValue("id")
	id, err := h.adjust.Credit(r.Context(), req)
	return map[string]string{"adjustment_id": id}, err
}

func (h *Handler) run(r *http.Request) (any, error) {
	var req struct {
		Date string `json:"date"`
	}
	if err := httpx.Decode(r, &req); err != nil {
		return nil, err
	}
	day, err := httpx.Date("date", req.Date)
	if err != nil || day.IsZero() {
		return nil, errs.Invalid("bill-runs", "date (YYYY-MM-DD) is required")
	}
	return h.runs.Run(r.Context(), day)
}
