// Package api exposes loan servicing over HTTP: loan details, schedules,
// one-off payments, payoff quotes and ACH return intake.
package api

import (
	"net/http"
	"time"

	"lendwise.io/platform/internal/platform/auth"
	"lendwise.io/platform/internal/platform/errs"
	"lendwise.io/platform/internal/platform/httpx"
	"lendwise.io/platform/internal/platform/money"
	"lendwise.io/platform/internal/servicing"
	"lendwise.io/platform/internal/servicing/payments"
	"lendwise.io/platform/internal/servicing/payoff"
)

type Handler struct {
	loans    *servicing.Service
	payments *payments.Service
	payoff   *payoff.Service
}

func New(l *servicing.Service, p *payments.Service, po *payoff.Service) *Handler {
	return &Handler{loans: l, payments: p, payoff: po}
}

func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/loans/{id}", h.getLoan)
	mux.HandleFunc("GET /v1/loans/{id}/schedule", h.schedule)
	mux.HandleFunc("POST /v1/loans/{id}/payments", h.pay)
	mux.HandleFunc("POST /v1/loans/{id}/autopay", h.autopay)
	mux.HandleFunc("POST /v1/loans/{id}/payoff-quotes", h.quote)
	mux.HandleFunc("POST /v1/payoff-quotes/{id}/apply", h.applyPayoff)
	mux.HandleFunc("POST /v1/ops/payments/{id}/return", h.returned)
}

func (h *Handler) authorizeLoan(r *http.Request) error {
	p, err := auth.Require(r.Context(), auth.RoleBorrower, auth.RoleAgent)
	if err != nil || p.Role != auth.RoleBorrower {
		return err
	}
	l, err := h.loans.GetLoan(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if l.BorrowerID != p.Subject {
		return errs.Forbidden("not your loan")
	}
	return nil
}

func (h *Handler) getLoan(w http.ResponseWriter, r *http.Request) {
	if err := h.authorizeLoan(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	l, err := h.loans.GetLoan(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, l)
}

func (h *Handler) schedule(w http.ResponseWriter, r *http.Request) {
	if err := h.authorizeLoan(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	insts, err := h.loans.Schedule(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"installments": insts})
}

func (h *Handler) pay(w http.ResponseWriter, r *http.Request) {
	if err := h.authorizeLoan(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Amount string `json:"amount"`
		Method string `json:"method"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	amt, err := money.Parse(in.Amount)
	if err != nil {
		httpx.Error(w, r, errs.Invalid("amount: %v", err))
		return
	}
	p, err := h.payments.Post(r.Context(), r.PathValue("id"), amt, in.Method, time.Now().UTC())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, p)
}

func (h *Handler) autopay(w http.ResponseWriter, r *http.Request) {
	if err := h.authorizeLoan(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		BankAccountID string `json:"bank_account_id"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.loans.EnrollAutopay(r.Context(), r.PathValue("id"), in.BankAccountID); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) quote(w http.ResponseWriter, r *http.Request) {
	if err := h.authorizeLoan(r); err != nil {
		httpx.Error(w, r, err)
		return
	}
	q, err := h.payoff.Quote(r.Context(), r.PathValue("id"))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, q)
}

func (h *Handler) applyPayoff(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context(), auth.RoleBorrower, auth.RoleAgent); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Amount string `json:"amount"`
		Method string `json:"method"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	amt, err := money.Parse(in.Amount)
	if err != nil {
		httpx.Error(w, r, errs.Invalid("amount: %v", err))
		return
	}
	p, err := h.payoff.Apply(r.Context(), r.PathValue("id"), amt, in.Method)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, p)
}

func (h *Handler) returned(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context(), auth.RoleAdmin); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var in struct {
		Code string `json:"return_code"`
	}
	if err := httpx.Decode(r, &in); err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.payments.Return(r.Context(), r.PathValue("id"), in.Code); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
