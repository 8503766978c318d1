// Package fines exposes fine balances, payments and waivers.
package fines

import (
	"net/http"

	"citylib.org/ils/httputil"
	"citylib.org/ils/models"
	svc "citylib.org/ils/services/fines"
)

type Handler struct {
	svc *svc.Service
}

func New(s *svc.Service) *Handler { return &Handler{svc: s} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /members/{id}/fines", h.list)
	mux.HandleFunc("POST /members/{id}/payments", h.pay)
	mux.HandleFunc("POST /fines/{id}/waive", h.waive)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	acct, err := h.svc.Outstanding(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, acct)
}

func (h *Handler) pay(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	var req models.PaymentRequest
	if err := httputil.DecodeJSON(r, &req); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	p, err := h.svc.Pay(r.Context(), id, req, httputil.StaffID(r))
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, p)
}

func (h *Handler) waive(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if err := httputil.DecodeJSON(r, &body); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	supervisor := r.Header.Get("X-Staff-Role") == "supervisor"
	if err := h.svc.Waive(r.Context(), id, httputil.StaffID(r), supervisor, body.Reason); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
