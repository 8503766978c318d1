// Package loans serves circulation desk endpoints.
package loans

import (
	"net/http"

	"citylib.org/ils/httputil"
	"citylib.org/ils/models"
	svc "citylib.org/ils/services/loans"
)

type Handler struct {
	svc *svc.Service
}

func New(s *svc.Service) *Handler { return &Handler{svc: s} }

func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /loans/checkout", h.checkout)
	mux.HandleFunc("POST /loans/return", h.checkin)
	mux.HandleFunc("POST /loans/{id}/renew", h.renew)
	mux.HandleFunc("POST /loans/{id}/lost", h.lost)
	mux.HandleFunc("GET /members/{id}/loans", h.forMember)
}

func (h *Handler) checkout(w http.ResponseWriter, r *http.Request) {
	var req models.CheckoutRequest
	if err := httputil.DecodeJSON(r, &req); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if httputil.StaffID(r) == 0 {
		req.Override = false
	}
	res, err := h.svc.Checkout(r.Context(), req)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusCreated, res)
}

func (h *Handler) checkin(w http.ResponseWriter, r *http.Request) {
	var req models.ReturnRequest
	if err := httputil.DecodeJSON(r, &req); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	res, err := h.svc.Return(r.Context(), req)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, res)
}

func (h *Handler) renew(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	l, err := h.svc.Renew(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, l)
}

func (h *Handler) lost(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	if err := h.svc.DeclareLost(r.Context(), id); err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) forMember(w http.ResponseWriter, r *http.Request) {
	id, err := httputil.PathID(r, "id")
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	ls, err := h.svc.ForMember(r.Context(), id)
	if err != nil {
		httputil.WriteError(w, r, err)
		return
	}
	httputil.WriteJSON(w, http.StatusOK, ls)
}
